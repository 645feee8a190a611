// Must not compile: see tests/engine/CMakeLists.txt.
#include "tinyfoot/engine/units.h"
using namespace tinyfoot::units;
void forbidden() {
    Co2ePerMass f = Co2ePerMass::from_value(1.0);
    Co2e c = squareMillimetres(5.0) * f;
    (void)c;
}
