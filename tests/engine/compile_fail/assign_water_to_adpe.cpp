// Must not compile: see tests/engine/CMakeLists.txt. m³ world eq. of water is not kg Sb eq.
#include "tinyfoot/engine/units.h"
using namespace tinyfoot::units;
void forbidden() {
    AdpeSb a = impact<kImpactOrdinal>(1e-6);
    a = WaterUse::from_value(2.0);
    (void)a;
}
