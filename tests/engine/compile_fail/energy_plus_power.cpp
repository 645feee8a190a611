// Must not compile: see tests/engine/CMakeLists.txt.
#include "tinyfoot/engine/units.h"
using namespace tinyfoot::units;
void forbidden() {
    auto x = kilowattHours(1.0) + milliwatts(1.0);
    (void)x;
}
