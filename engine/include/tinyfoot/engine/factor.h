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

/// Caveats a number carries into every result that uses it.
enum class Flag {
    Extrapolated,       ///< used outside the range its source covers, by a stated rule
    ConflictingSources, ///< published sources disagree by a large factor; see the note
    Inherited,          ///< an open-data set has no open figure and carries another set's value
};
std::string_view flagId(Flag f);
std::optional<Flag> flagFromId(std::string_view id);

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
    std::vector<Flag> flags;
    std::string origin; ///< id of the factor set the factor was written in (differs when included)

    bool hasFlag(Flag f) const;

    units::Co2ePerMass perMass() const { return units::Co2ePerMass::from_value(internal); }
    units::Co2ePerArea perArea() const { return units::Co2ePerArea::from_value(internal); }
    units::Co2ePerLength perLength() const { return units::Co2ePerLength::from_value(internal); }
    units::Co2ePerEnergy perEnergy() const { return units::Co2ePerEnergy::from_value(internal); }
    units::Co2ePerMassDistance perMassDistance() const { return units::Co2ePerMassDistance::from_value(internal); }
    units::Co2ePerCount perCount() const { return units::Co2ePerCount::from_value(internal); }
    units::Co2ePerData perData() const { return units::Co2ePerData::from_value(internal); }
};

/// Provenance of a table of model parameters (one source for every row).
struct TableProvenance {
    std::vector<Source> sources;
    int year = 0;
    std::string licence;
    std::string note;
    Derivation derivation = Derivation::Published;
    std::string origin; ///< id of the factor set the table was written in
};

/// Fabrication of logic dies at one process node (the ACT model, per cm² of die).
struct ProcessNode {
    double nanometres = 0.0;
    double energyKwhPerCm2 = 0.0;  ///< EPA: fab electricity per area
    double gas95GPerCm2 = 0.0;     ///< GPA with 95 % abatement, g CO2e per cm²
    double gas99GPerCm2 = 0.0;     ///< GPA with 99 % abatement
    double materialsGPerCm2 = 0.0; ///< MPA: procured materials, g CO2e per cm²
};

struct ProcessNodeTable {
    TableProvenance provenance;
    std::vector<ProcessNode> nodes; ///< ascending by nanometres
    /// Outside [smallest, largest] node the nearest row is held and results are flagged
    /// extrapolated; this text states the rule for documents and reports.
    std::string extrapolationRule;
    double packageKgCo2e = 0.0;       ///< per IC package
    double defaultYield = 0.0;        ///< fab yield when none is given
    double defectDensityPerCm2 = 0.0; ///< D0 for the Poisson and Murphy yield models
};

/// Memory or storage fabrication per capacity (g CO2e per GB, before yield).
struct MemoryTechnology {
    std::string id;   ///< e.g. "ddr3_50nm", "nand_30nm"
    std::string kind; ///< "dram" or "flash"
    double gPerGb = 0.0;
};

struct MemoryTable {
    TableProvenance provenance;
    std::vector<MemoryTechnology> rows;
    const MemoryTechnology* find(std::string_view id) const;
};

/// A battery chemistry: production emissions per stored energy.
struct BatteryChemistry {
    std::string id; ///< e.g. "li_ion_nmc"
    std::string name;
    double kgPerKwh = 0.0;
    std::optional<std::pair<double, double>> range; ///< kg/kWh
    std::optional<double> whPerKg;                  ///< specific energy, to size a battery given by mass
    bool rechargeable = true;
    TableProvenance provenance;
};

/// A named, self-consistent collection of factors (e.g. the paper's back-solved set).
struct FactorSet {
    std::string id;
    std::string name;
    std::string description;
    std::vector<Source> sources;
    std::vector<Factor> factors;
    /// Sets whose factors and tables this one also offers, in order; its own entries win. The
    /// library resolves them after loading (factors and tables are then copied in).
    std::vector<std::string> includes;
    std::optional<ProcessNodeTable> processNodes;
    std::optional<MemoryTable> memory;
    std::vector<BatteryChemistry> batteries;
    std::string sourceName; ///< the file it was loaded from, for messages

    const Factor* find(std::string_view factorId) const;
    const BatteryChemistry* battery(std::string_view chemistryId) const;
};

} // namespace tinyfoot
