// Physical quantities used by the TinyFoot engine.
//
// Every quantity inside the engine is a Boost.Units quantity in one internal unit system:
// the SI base units for length, mass and time, plus a base dimension of its own for the
// mass of CO2-equivalent emissions. Because CO2e is a separate dimension, a kilogram of CO2e
// can never be added to (or assigned from) a kilogram of ABS, and an emission factor is a
// typed ratio (kg CO2e per kg, per kWh, per mm² ...) whose product with the matching amount
// is the only way to obtain a CO2e quantity.
//
// This header is the one place where units are named and converted. Numbers enter and leave
// the engine through the helper constructors (grams(), squareMillimetres() ...) and the
// `in*()` accessors; nothing else multiplies by magic conversion factors.
#pragma once

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/base_units/si/ampere.hpp>
#include <boost/units/base_units/si/kilogram.hpp>
#include <boost/units/base_units/si/meter.hpp>
#include <boost/units/base_units/si/second.hpp>
#include <boost/units/derived_dimension.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/physical_dimensions.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/unit.hpp>

namespace tinyfoot::units {

namespace bu = boost::units;

/// The dimension "mass of CO2-equivalent greenhouse gases". Deliberately distinct from mass.
struct Co2eBaseDimension : bu::base_dimension<Co2eBaseDimension, 7301> {};
using Co2eDimension = Co2eBaseDimension::dimension_type;

/// Base unit of the CO2e dimension: one kilogram of CO2-equivalent.
struct KgCo2eBaseUnit : bu::base_unit<KgCo2eBaseUnit, Co2eDimension, 7301> {
    static const char* name() { return "kilogram CO2-equivalent"; }
    static const char* symbol() { return "kg CO2e"; }
};

/// The dimension "amount of stored data" (memory and storage capacity, per-gigabyte factors).
struct DataBaseDimension : bu::base_dimension<DataBaseDimension, 7302> {};
using DataDimension = DataBaseDimension::dimension_type;

/// Base unit of the data dimension: one byte.
struct ByteBaseUnit : bu::base_unit<ByteBaseUnit, DataDimension, 7302> {
    static const char* name() { return "byte"; }
    static const char* symbol() { return "B"; }
};

/// The engine's single internal system: m, kg, s, A, kg CO2e and bytes.
using UnitSystem = bu::make_system<bu::si::meter_base_unit, bu::si::kilogram_base_unit, bu::si::second_base_unit,
                                   bu::si::ampere_base_unit, KgCo2eBaseUnit, ByteBaseUnit>::type;

using Co2eUnit = bu::unit<Co2eDimension, UnitSystem>;
using MassUnit = bu::unit<bu::mass_dimension, UnitSystem>;
using LengthUnit = bu::unit<bu::length_dimension, UnitSystem>;
using AreaUnit = bu::unit<bu::area_dimension, UnitSystem>;
using TimeUnit = bu::unit<bu::time_dimension, UnitSystem>;
using EnergyUnit = bu::unit<bu::energy_dimension, UnitSystem>;
using PowerUnit = bu::unit<bu::power_dimension, UnitSystem>;
using DimensionlessUnit = bu::unit<bu::dimensionless_type, UnitSystem>;
using FrequencyUnit = bu::unit<bu::frequency_dimension, UnitSystem>;
using ChargeUnit = bu::unit<bu::electric_charge_dimension, UnitSystem>;
using VoltageUnit = bu::unit<bu::electric_potential_dimension, UnitSystem>;
using DataUnit = bu::unit<DataDimension, UnitSystem>;
using MassDistanceUnit = bu::multiply_typeof_helper<MassUnit, LengthUnit>::type;

using Co2e = bu::quantity<Co2eUnit>;
using Mass = bu::quantity<MassUnit>;
using Length = bu::quantity<LengthUnit>;
using Area = bu::quantity<AreaUnit>;
using Duration = bu::quantity<TimeUnit>;
using Energy = bu::quantity<EnergyUnit>;
using Power = bu::quantity<PowerUnit>;
/// A number of discrete things (parts, devices, models): dimensionless.
using Count = bu::quantity<DimensionlessUnit>;
/// Freight work: mass moved times distance (the tonne-kilometre of freight factors).
using MassDistance = bu::quantity<MassDistanceUnit>;
/// Events per unit of time (inferences per second).
using Rate = bu::quantity<FrequencyUnit>;
/// Electric charge (a battery's mAh) and potential (its nominal voltage).
using Charge = bu::quantity<ChargeUnit>;
using Voltage = bu::quantity<VoltageUnit>;
/// Stored data (bytes): memory and storage capacity.
using DataSize = bu::quantity<DataUnit>;

/// Emission factors: CO2e per unit of some physical amount.
using Co2ePerMass = bu::quantity<bu::divide_typeof_helper<Co2eUnit, MassUnit>::type>;
using Co2ePerArea = bu::quantity<bu::divide_typeof_helper<Co2eUnit, AreaUnit>::type>;
using Co2ePerLength = bu::quantity<bu::divide_typeof_helper<Co2eUnit, LengthUnit>::type>;
using Co2ePerEnergy = bu::quantity<bu::divide_typeof_helper<Co2eUnit, EnergyUnit>::type>;
using Co2ePerMassDistance = bu::quantity<bu::divide_typeof_helper<Co2eUnit, MassDistanceUnit>::type>;
using Co2ePerData = bu::quantity<bu::divide_typeof_helper<Co2eUnit, DataUnit>::type>;
/// CO2e per part, per device or per model: a count is dimensionless, so this is a CO2e mass.
using Co2ePerCount = Co2e;

/// Impact categories beyond climate change (impact.h): each category is a base dimension of its
/// own in a unit system of its own, so kilograms of antimony equivalent never add to kilograms
/// of CO2e, to megajoules of primary energy or to anything else. `Ordinal` is 7400 + the
/// category's index in impact.h's ImpactCategory.
template <int Ordinal>
struct ImpactBaseDimension : bu::base_dimension<ImpactBaseDimension<Ordinal>, Ordinal> {};
template <int Ordinal>
struct ImpactBaseUnit
    : bu::base_unit<ImpactBaseUnit<Ordinal>, typename ImpactBaseDimension<Ordinal>::dimension_type, Ordinal> {};
template <int Ordinal>
using ImpactUnit = bu::unit<typename ImpactBaseDimension<Ordinal>::dimension_type,
                            typename bu::make_system<ImpactBaseUnit<Ordinal>>::type>;
template <int Ordinal>
using ImpactQuantity = bu::quantity<ImpactUnit<Ordinal>>;
/// The categories' first ordinal; a category's quantity is ImpactQuantity<kImpactOrdinal + index>.
inline constexpr int kImpactOrdinal = 7400;
/// Mineral and metal resource use, kg Sb eq. (index 0 of ImpactCategory).
using AdpeSb = ImpactQuantity<kImpactOrdinal + 0>;
/// Total primary energy, MJ (index 2): not an energy the device uses, so not units::Energy.
using PrimaryEnergy = ImpactQuantity<kImpactOrdinal + 2>;
/// Deprivation-weighted water use, m³ world eq. (index 3).
using WaterUse = ImpactQuantity<kImpactOrdinal + 3>;
/// A category's quantity from its number in its unit.
template <int Ordinal>
ImpactQuantity<Ordinal> impact(double v) {
    return ImpactQuantity<Ordinal>::from_value(v);
}

// Unit constants in the internal system.
inline constexpr Co2eUnit kgCo2eUnit{};
inline constexpr MassUnit kilogramUnit{};
inline constexpr LengthUnit metreUnit{};
inline constexpr AreaUnit squareMetreUnit{};
inline constexpr TimeUnit secondUnit{};
inline constexpr EnergyUnit jouleUnit{};
inline constexpr PowerUnit wattUnit{};

// Conversion constants to the internal (SI) units. These are definitions, not data.
inline constexpr double kGramInKg = 1e-3;
inline constexpr double kTonneInKg = 1e3;
inline constexpr double kKilometreInM = 1e3;
inline constexpr double kSquareMillimetreInM2 = 1e-6;
inline constexpr double kSquareCentimetreInM2 = 1e-4;
inline constexpr double kHourInS = 3600.0;
/// A year of use is 365 days (8760 h), the convention of the paper's use-stage figure
/// (1 mW over 3 years = 26.28 Wh).
inline constexpr double kYearInS = 365.0 * 24.0 * kHourInS;
inline constexpr double kKilowattHourInJ = 3.6e6;
/// Storage capacity in decimal units (1 GB = 10^9 bytes), as memory data per gigabyte is given.
inline constexpr double kGigabyteInBytes = 1e9;
/// One milliampere-hour in coulombs.
inline constexpr double kMilliampereHourInC = 3.6;

// Constructors from the units people write.
inline Co2e kgCo2e(double v) { return v * kgCo2eUnit; }
inline Mass kilograms(double v) { return v * kilogramUnit; }
inline Mass grams(double v) { return v * kGramInKg * kilogramUnit; }
inline Length metres(double v) { return v * metreUnit; }
inline Length kilometres(double v) { return v * kKilometreInM * metreUnit; }
inline Area squareMetres(double v) { return v * squareMetreUnit; }
inline Area squareMillimetres(double v) { return v * kSquareMillimetreInM2 * squareMetreUnit; }
inline Area squareCentimetres(double v) { return v * kSquareCentimetreInM2 * squareMetreUnit; }
inline Duration seconds(double v) { return v * secondUnit; }
inline Duration hours(double v) { return v * kHourInS * secondUnit; }
inline Duration years(double v) { return v * kYearInS * secondUnit; }
inline Energy joules(double v) { return v * jouleUnit; }
inline Energy kilowattHours(double v) { return v * kKilowattHourInJ * jouleUnit; }
inline Power watts(double v) { return v * wattUnit; }
inline Power milliwatts(double v) { return v * 1e-3 * wattUnit; }
inline Count count(double v) { return Count::from_value(v); }

// Read-outs in the units people read.
inline double inKgCo2e(Co2e q) { return q.value(); }
inline double inKilograms(Mass q) { return q.value(); }
inline double inGrams(Mass q) { return q.value() / kGramInKg; }
inline double inKilowattHours(Energy q) { return q.value() / kKilowattHourInJ; }
inline double inWattHours(Energy q) { return q.value() / kHourInS; }
inline double inHours(Duration q) { return q.value() / kHourInS; }
inline double inYears(Duration q) { return q.value() / kYearInS; }
inline double inMicrojoules(Energy q) { return q.value() * 1e6; }
inline double inGigabytes(DataSize q) { return q.value() / kGigabyteInBytes; }

} // namespace tinyfoot::units
