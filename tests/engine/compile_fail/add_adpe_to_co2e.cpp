// Must not compile: see tests/engine/CMakeLists.txt. kg Sb eq. is not kg CO2e.
#include "tinyfoot/engine/units.h"
using namespace tinyfoot::units;
void forbidden() {
    Co2e c = kgCo2e(1.0);
    AdpeSb a = impact<kImpactOrdinal>(1e-6);
    auto x = c + a;
    (void)x;
}
