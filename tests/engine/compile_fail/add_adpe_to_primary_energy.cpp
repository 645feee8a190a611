// Must not compile: see tests/engine/CMakeLists.txt. One impact category never adds to another.
#include "tinyfoot/engine/units.h"
using namespace tinyfoot::units;
void forbidden() {
    AdpeSb a = impact<kImpactOrdinal>(1e-6);
    PrimaryEnergy pe = impact<kImpactOrdinal + 2>(3.0);
    auto x = a + pe;
    (void)x;
}
