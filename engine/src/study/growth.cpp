#include "tinyfoot/engine/study/growth.h"

#include <algorithm>
#include <cmath>

namespace tinyfoot::study {

std::string_view growthModelId(GrowthModel model) {
    switch (model) {
    case GrowthModel::Constant: return "constant";
    case GrowthModel::Linear: return "linear";
    case GrowthModel::Exponential: return "exponential";
    case GrowthModel::Logistic: return "logistic";
    case GrowthModel::Table: return "table";
    }
    return "unknown";
}

GrowthCurve GrowthCurve::constant(double devices, int year) {
    GrowthCurve c;
    c.id = "constant";
    c.name = "constant fleet";
    c.model = GrowthModel::Constant;
    c.baseYear = year;
    c.baseDevices = devices;
    return c;
}

int GrowthCurve::firstYear() const {
    if (model == GrowthModel::Table && !table.empty()) return static_cast<int>(std::floor(table.front().first));
    return baseYear;
}

double GrowthCurve::devicesAt(double year) const {
    const double dt = year - static_cast<double>(baseYear);
    switch (model) {
    case GrowthModel::Constant: return baseDevices;
    case GrowthModel::Linear: return std::max(0.0, baseDevices + rateDevicesPerYear * dt);
    case GrowthModel::Exponential: return baseDevices * std::pow(1.0 + ratePercentPerYear / 100.0, dt);
    case GrowthModel::Logistic: {
        if (!(baseDevices > 0.0)) return 0.0;
        return capacityDevices / (1.0 + (capacityDevices / baseDevices - 1.0) * std::exp(-logisticRatePerYear * dt));
    }
    case GrowthModel::Table: {
        if (table.empty()) return 0.0;
        if (year <= table.front().first) return table.front().second;
        if (year >= table.back().first) return table.back().second;
        for (std::size_t i = 1; i < table.size(); ++i) {
            const auto& [y1, d1] = table[i];
            const auto& [y0, d0] = table[i - 1];
            if (year > y1) continue;
            return d0 + (d1 - d0) * (year - y0) / (y1 - y0);
        }
        return table.back().second;
    }
    }
    return baseDevices;
}

std::optional<double> GrowthCurve::timeReaching(double devices) const {
    const double t0 = static_cast<double>(baseYear);
    switch (model) {
    case GrowthModel::Constant:
        if (baseDevices >= devices) return t0;
        return std::nullopt;
    case GrowthModel::Linear:
        if (baseDevices >= devices) return t0;
        if (!(rateDevicesPerYear > 0.0)) return std::nullopt;
        return t0 + (devices - baseDevices) / rateDevicesPerYear;
    case GrowthModel::Exponential:
        if (baseDevices >= devices) return t0;
        if (!(ratePercentPerYear > 0.0) || !(baseDevices > 0.0)) return std::nullopt;
        return t0 + std::log(devices / baseDevices) / std::log1p(ratePercentPerYear / 100.0);
    case GrowthModel::Logistic:
        if (baseDevices >= devices) return t0;
        if (!(capacityDevices > devices) || !(logisticRatePerYear > 0.0) || !(baseDevices > 0.0)) return std::nullopt;
        // K / (1 + A e^(-k dt)) = N  =>  dt = ln(A N / (K - N)) / k, A = K/S0 - 1.
        return t0 + std::log((capacityDevices / baseDevices - 1.0) * devices / (capacityDevices - devices)) /
                        logisticRatePerYear;
    case GrowthModel::Table: {
        if (table.empty()) return std::nullopt;
        if (table.front().second >= devices) return table.front().first;
        for (std::size_t i = 1; i < table.size(); ++i) {
            const auto& [y0, d0] = table[i - 1];
            const auto& [y1, d1] = table[i];
            if (d1 < devices) continue;
            return y0 + (y1 - y0) * (devices - d0) / (d1 - d0);
        }
        return std::nullopt;
    }
    }
    return std::nullopt;
}

std::optional<int> GrowthCurve::yearReaching(double devices) const {
    const auto t = timeReaching(devices);
    if (!t || !std::isfinite(*t) || std::fabs(*t) > 1e9) return std::nullopt;
    return static_cast<int>(std::floor(*t + 0.5));
}

} // namespace tinyfoot::study
