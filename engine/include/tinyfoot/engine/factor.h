// Emission factors with their provenance, grouped in factor sets.
#pragma once

#include "tinyfoot/engine/quantity.h"
#include "tinyfoot/engine/units.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tinyfoot {

/// How a number was obtained.
enum class Derivation {
    Published,  ///< taken as printed from the cited source
    Derived,    ///< computed from published figures by a stated rule
    BackSolved, ///< solved for so that published results are reproduced; never published itself
};
std::string_view derivationId(Derivation d);
std::optional<Derivation> derivationFromId(std::string_view id);

/// Where a number comes from.
struct Source {
    std::string citation;
    std::string url;
};

/// One emission factor: CO2e per unit of some amount, with everything needed to cite it.
struct Factor {
    std::string id;     ///< e.g. "ic.mcu_die"
    std::string name;   ///< readable
    double value = 0.0; ///< as written, in `unit`
    std::string unit;   ///< as written, e.g. "kg_co2e/mm2"
    Dimension per = Dimension::Count;
    double internal = 0.0;                          ///< kg CO2e per internal unit of `per`
    std::optional<std::pair<double, double>> range; ///< feasible range, in `unit`
    Derivation derivation = Derivation::Published;
    std::vector<Source> sources;
    int year = 0; ///< year of the data (or of the publication that fixes it)
    std::string licence;
    std::string note; ///< how it was obtained, caveats

    units::Co2ePerMass perMass() const { return units::Co2ePerMass::from_value(internal); }
    units::Co2ePerArea perArea() const { return units::Co2ePerArea::from_value(internal); }
    units::Co2ePerLength perLength() const { return units::Co2ePerLength::from_value(internal); }
    units::Co2ePerEnergy perEnergy() const { return units::Co2ePerEnergy::from_value(internal); }
    units::Co2ePerMassDistance perMassDistance() const { return units::Co2ePerMassDistance::from_value(internal); }
    units::Co2ePerCount perCount() const { return units::Co2ePerCount::from_value(internal); }
};

/// A named, self-consistent collection of factors (e.g. the paper's back-solved set).
struct FactorSet {
    std::string id;
    std::string name;
    std::string description;
    std::vector<Source> sources;
    std::vector<Factor> factors;

    const Factor* find(std::string_view factorId) const;
};

} // namespace tinyfoot
