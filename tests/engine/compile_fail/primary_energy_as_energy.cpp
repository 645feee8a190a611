// Must not compile: see tests/engine/CMakeLists.txt. Primary energy (an impact, MJ) is not the
// energy a device draws (units::Energy).
#include "tinyfoot/engine/units.h"
using namespace tinyfoot::units;
void forbidden() {
    Energy e = kilowattHours(1.0);
    e = impact<kImpactOrdinal + 2>(3.6);
    (void)e;
}
