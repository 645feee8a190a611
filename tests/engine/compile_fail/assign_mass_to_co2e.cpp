// Must not compile: see tests/engine/CMakeLists.txt.
#include "tinyfoot/engine/units.h"
using namespace tinyfoot::units;
void forbidden() {
    Co2e c = kgCo2e(1.0);
    c = grams(5.0);
}
