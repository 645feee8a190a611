// How many devices are in service, year by year: constant, linear, exponential, logistic or a
// table, and the year a curve reaches a number of devices.
//
// Time convention: a curve's value for calendar year Y is the number in service in the middle of
// Y (an annual figure such as "15 bn IoT devices in 2023" is read as mid-2023). A curve reaches N
// devices at the continuous time t* (in the same year units); it does so during calendar year
// floor(t* + 0.5), the year whose span [Y - 0.5, Y + 0.5) around that mid-year point holds t*.
// With this convention the paper's IoT table is reproduced year for year (docs/studies.md).
#pragma once

#include "tinyfoot/engine/factor.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tinyfoot::study {

enum class GrowthModel { Constant, Linear, Exponential, Logistic, Table };
std::string_view growthModelId(GrowthModel model);

struct GrowthCurve {
    std::string id;
    std::string name;
    GrowthModel model = GrowthModel::Constant;
    int baseYear = 2023;
    double baseDevices = 0.0;
    double rateDevicesPerYear = 0.0;              ///< linear
    double ratePercentPerYear = 0.0;              ///< exponential: S = S0 (1 + r/100)^(t - t0)
    double capacityDevices = 0.0;                 ///< logistic: the ceiling K
    double logisticRatePerYear = 0.0;             ///< logistic: k in S = K / (1 + (K/S0 - 1) e^(-k (t - t0)))
    std::vector<std::pair<double, double>> table; ///< (year, devices), years ascending; linear between

    // Provenance (curves loaded from data/growth).
    std::vector<Source> sources;
    std::string note;
    /// The table the curve is meant to reproduce: (devices, calendar year reached).
    std::vector<std::pair<double, int>> reproduces;

    static GrowthCurve constant(double devices, int year = 2023);

    /// Devices in service at continuous time `year` (calendar years; mid-year convention above).
    /// A table is held at its end values outside its years.
    double devicesAt(double year) const;
    /// The continuous time at which the curve first reaches `devices`; nullopt when it never does
    /// (a logistic ceiling at or below it, a table that stays below it). Times before the base
    /// year are not searched: a curve that already holds `devices` at its start gives its start.
    std::optional<double> timeReaching(double devices) const;
    /// The calendar year during which the curve reaches `devices`: floor(t* + 0.5).
    std::optional<int> yearReaching(double devices) const;
    /// The first year the curve covers (its base year, or a table's first year).
    int firstYear() const;
};

} // namespace tinyfoot::study
