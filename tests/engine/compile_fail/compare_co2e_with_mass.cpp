// Must not compile: see tests/engine/CMakeLists.txt.
#include "tinyfoot/engine/units.h"
using namespace tinyfoot::units;
void forbidden() {
    bool b = kgCo2e(1.0) < kilograms(1.0);
    (void)b;
}
