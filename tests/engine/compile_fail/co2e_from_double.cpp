// Must not compile: see tests/engine/CMakeLists.txt.
#include "tinyfoot/engine/units.h"
using namespace tinyfoot::units;
void forbidden() {
    Co2e c = 0.5;
    (void)c;
}
