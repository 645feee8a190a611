// Amounts as they appear in files: a number with a unit written beside it, checked against the
// dimension the field expects and converted once into the engine's internal units.
#pragma once

#include "tinyfoot/engine/units.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinyfoot {

/// The physical dimension of a runtime amount (files carry units as text).
enum class Dimension {
    Co2e,
    Mass,
    Length,
    Area,
    Duration,
    Energy,
    Power,
    Count,
    MassDistance,
    Rate,
    Charge,
    Voltage,
    Data
};

/// A unit symbol accepted in files, its dimension and its size in internal (SI) units.
struct UnitInfo {
    std::string_view symbol;
    Dimension dimension;
    double toInternal;
};

/// Looks a unit symbol up ("g", "mm2", "kWh", "t*km", "part" ...). Case-sensitive.
std::optional<UnitInfo> findUnit(std::string_view symbol);

/// All unit symbols of one dimension, for error messages: "mg, g, kg, t".
std::string acceptedUnits(Dimension dimension);

/// "a mass", "an area" ... for messages.
std::string describeDimension(Dimension dimension);

/// A non-negative, finite amount of some dimension, remembered as written and in internal units.
struct Amount {
    Dimension dimension = Dimension::Count;
    double value = 0.0;    ///< as written in the file
    std::string unit;      ///< as written in the file
    double internal = 0.0; ///< value × unit size, in the engine's SI-based units

    static Amount make(double value, const UnitInfo& unit);

    units::Mass mass() const { return units::Mass::from_value(internal); }
    units::Area area() const { return units::Area::from_value(internal); }
    units::Length length() const { return units::Length::from_value(internal); }
    units::Duration duration() const { return units::Duration::from_value(internal); }
    units::Energy energy() const { return units::Energy::from_value(internal); }
    units::Power power() const { return units::Power::from_value(internal); }
    units::Count count() const { return units::Count::from_value(internal); }
    units::Co2e co2e() const { return units::Co2e::from_value(internal); }
    units::Rate rate() const { return units::Rate::from_value(internal); }
    units::Charge charge() const { return units::Charge::from_value(internal); }
    units::Voltage voltage() const { return units::Voltage::from_value(internal); }
    units::DataSize data() const { return units::DataSize::from_value(internal); }
};

/// A factor's unit: "kg_co2e/<unit>" or "g_co2e/<unit>", giving CO2e per one of `per`.
struct FactorUnitInfo {
    Dimension per;
    double toInternal; ///< multiply the written value to get kg CO2e per internal unit of `per`
};
std::optional<FactorUnitInfo> findFactorUnit(std::string_view symbol);
std::string acceptedFactorUnits();

} // namespace tinyfoot
