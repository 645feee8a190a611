#include "tinyfoot/engine/quantity.h"

#include <array>

namespace tinyfoot {

namespace {

using namespace tinyfoot::units;

// Every unit symbol a file may use, with its size in internal units.
constexpr std::array kUnits{
    UnitInfo{"kg_co2e", Dimension::Co2e, 1.0},
    UnitInfo{"g_co2e", Dimension::Co2e, 1e-3},
    UnitInfo{"t_co2e", Dimension::Co2e, 1e3},
    UnitInfo{"mg", Dimension::Mass, 1e-6},
    UnitInfo{"g", Dimension::Mass, kGramInKg},
    UnitInfo{"kg", Dimension::Mass, 1.0},
    UnitInfo{"t", Dimension::Mass, kTonneInKg},
    UnitInfo{"mm", Dimension::Length, 1e-3},
    UnitInfo{"cm", Dimension::Length, 1e-2},
    UnitInfo{"m", Dimension::Length, 1.0},
    UnitInfo{"km", Dimension::Length, kKilometreInM},
    UnitInfo{"mm2", Dimension::Area, kSquareMillimetreInM2},
    UnitInfo{"cm2", Dimension::Area, kSquareCentimetreInM2},
    UnitInfo{"m2", Dimension::Area, 1.0},
    UnitInfo{"s", Dimension::Duration, 1.0},
    UnitInfo{"h", Dimension::Duration, kHourInS},
    UnitInfo{"d", Dimension::Duration, 24.0 * kHourInS},
    UnitInfo{"year", Dimension::Duration, kYearInS},
    UnitInfo{"uJ", Dimension::Energy, 1e-6},
    UnitInfo{"mJ", Dimension::Energy, 1e-3},
    UnitInfo{"J", Dimension::Energy, 1.0},
    UnitInfo{"kJ", Dimension::Energy, 1e3},
    UnitInfo{"Wh", Dimension::Energy, kHourInS},
    UnitInfo{"kWh", Dimension::Energy, kKilowattHourInJ},
    UnitInfo{"MWh", Dimension::Energy, 1e3 * kKilowattHourInJ},
    UnitInfo{"uW", Dimension::Power, 1e-6},
    UnitInfo{"mW", Dimension::Power, 1e-3},
    UnitInfo{"W", Dimension::Power, 1.0},
    UnitInfo{"kW", Dimension::Power, 1e3},
    UnitInfo{"part", Dimension::Count, 1.0},
    UnitInfo{"device", Dimension::Count, 1.0},
    UnitInfo{"model", Dimension::Count, 1.0},
    UnitInfo{"set", Dimension::Count, 1.0},
    UnitInfo{"t*km", Dimension::MassDistance, kTonneInKg* kKilometreInM},
    UnitInfo{"kg*km", Dimension::MassDistance, kKilometreInM},
    UnitInfo{"1/s", Dimension::Rate, 1.0},
    UnitInfo{"1/min", Dimension::Rate, 1.0 / 60.0},
    UnitInfo{"1/h", Dimension::Rate, 1.0 / kHourInS},
    UnitInfo{"1/d", Dimension::Rate, 1.0 / (24.0 * kHourInS)},
    UnitInfo{"mAh", Dimension::Charge, kMilliampereHourInC},
    UnitInfo{"Ah", Dimension::Charge, 1e3 * kMilliampereHourInC},
    UnitInfo{"mV", Dimension::Voltage, 1e-3},
    UnitInfo{"V", Dimension::Voltage, 1.0},
    UnitInfo{"B", Dimension::Data, 1.0},
    UnitInfo{"kB", Dimension::Data, 1e3},
    UnitInfo{"MB", Dimension::Data, 1e6},
    UnitInfo{"GB", Dimension::Data, kGigabyteInBytes},
    UnitInfo{"TB", Dimension::Data, 1e12},
};

} // namespace

std::optional<UnitInfo> findUnit(std::string_view symbol) {
    for (const auto& u : kUnits)
        if (u.symbol == symbol) return u;
    return std::nullopt;
}

std::string acceptedUnits(Dimension dimension) {
    std::string out;
    for (const auto& u : kUnits) {
        if (u.dimension != dimension) continue;
        if (!out.empty()) out += ", ";
        out += u.symbol;
    }
    return out;
}

std::string describeDimension(Dimension dimension) {
    switch (dimension) {
    case Dimension::Co2e: return "a CO2-equivalent mass";
    case Dimension::Mass: return "a mass";
    case Dimension::Length: return "a length";
    case Dimension::Area: return "an area";
    case Dimension::Duration: return "a duration";
    case Dimension::Energy: return "an energy";
    case Dimension::Power: return "a power";
    case Dimension::Count: return "a count";
    case Dimension::MassDistance: return "a freight work (mass × distance)";
    case Dimension::Rate: return "a rate (events per unit of time)";
    case Dimension::Charge: return "an electric charge";
    case Dimension::Voltage: return "a voltage";
    case Dimension::Data: return "a data size";
    }
    return "a quantity";
}

Amount Amount::make(double value, const UnitInfo& unit) {
    Amount a;
    a.dimension = unit.dimension;
    a.value = value;
    a.unit = std::string(unit.symbol);
    a.internal = value * unit.toInternal;
    return a;
}

std::optional<FactorUnitInfo> findFactorUnit(std::string_view symbol) {
    const auto slash = symbol.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto num = findUnit(symbol.substr(0, slash));
    const auto den = findUnit(symbol.substr(slash + 1));
    if (!num || !den || num->dimension != Dimension::Co2e || den->dimension == Dimension::Co2e) return std::nullopt;
    return FactorUnitInfo{den->dimension, num->toInternal / den->toInternal};
}

std::string acceptedFactorUnits() {
    return "<kg_co2e|g_co2e|t_co2e>/<unit>, with <unit> a mass, length, area, duration, energy, "
           "power, count (part, device, model, set), freight work (t*km) or data (GB) unit, e.g. kg_co2e/mm2";
}

} // namespace tinyfoot
