// Must not compile: see tests/engine/CMakeLists.txt.
#include "tinyfoot/engine/units.h"
using namespace tinyfoot::units;
void forbidden() {
    Co2e c = kgCo2e(1.0);
    Mass m = grams(1.0);
    auto x = c + m;
    (void)x;
}
