// Must compile: the legal counterparts of the compile_fail snippets.
#include "tinyfoot/engine/units.h"
using namespace tinyfoot::units;
void allowed() {
    Co2e c = kgCo2e(1.0);
    c = c + grams(5.0) * Co2ePerMass::from_value(2.0);
    c = c + squareMillimetres(5.0) * Co2ePerArea::from_value(1.0);
    const Energy e = kilowattHours(1.0) + milliwatts(1.0) * hours(2.0);
    c = c + e * Co2ePerEnergy::from_value(1.0);
    bool b = c < kgCo2e(2.0);
    AdpeSb a = impact<kImpactOrdinal>(1e-6);
    a = a + impact<kImpactOrdinal>(2e-6);
    PrimaryEnergy pe = impact<kImpactOrdinal + 2>(3.0) + PrimaryEnergy::from_value(1.0);
    WaterUse w = WaterUse::from_value(2.0);
    w += impact<kImpactOrdinal + 3>(1.0);
    (void)a;
    (void)pe;
    (void)w;
    (void)b;
}
