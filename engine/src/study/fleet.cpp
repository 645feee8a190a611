#include "tinyfoot/engine/study/fleet.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace tinyfoot::study {

using namespace tinyfoot::units;

std::string_view trainingModeId(TrainingMode mode) {
    switch (mode) {
    case TrainingMode::PerDevice: return "per_device";
    case TrainingMode::Amortised: return "amortised";
    }
    return "unknown";
}

std::string_view initialStockId(InitialStock stock) {
    switch (stock) {
    case InitialStock::New: return "new";
    case InitialStock::InService: return "in_service";
    }
    return "unknown";
}

DeviceFootprint DeviceFootprint::from(const Result& r, Duration lifetime) {
    DeviceFootprint d;
    d.systemId = r.systemId;
    d.embodied = r.embodied;
    d.training = r.block(Block::MlTraining);
    d.operational = r.operational;
    d.unsplit = r.stage(Stage::WholeLifeCycle);
    d.lifetime = lifetime;
    return d;
}

DeviceFootprint DeviceFootprint::from(const std::string& systemId, const SystemParts& p, Duration lifetime) {
    DeviceFootprint d;
    d.systemId = systemId;
    d.embodied = kgCo2e(p.embodied);
    d.training = kgCo2e(p.training);
    d.operational = kgCo2e(p.operational);
    d.unsplit = kgCo2e(p.unsplit);
    d.lifetime = lifetime;
    return d;
}

namespace {

/// Devices bought in one year (or the initial stock's share retiring in one year), with the
/// years they retire in.
struct Cohort {
    double remaining = 0.0;
    int firstYear = 0;
    double firstAmount = 0.0;
    int secondYear = 0;
    double secondAmount = 0.0;
};

} // namespace

FleetResult simulateFleet(const DeviceFootprint& device, const FleetOptions& options) {
    FleetResult r;
    r.systemId = device.systemId;
    r.options = options;
    r.device = device;
    r.embodied = r.operational = r.training = r.total = kgCo2e(0.0);
    double life = inYears(device.lifetime);
    if (!(life >= 1.0)) {
        r.diagnostics.push_back({Severity::Warning, "short-lifetime",
                                 "the lifetime is under one year; the yearly fleet model replaces devices at most "
                                 "once a year and uses a lifetime of 1 year",
                                 device.systemId});
        life = 1.0;
    }
    if (device.unsplit != kgCo2e(0.0))
        r.diagnostics.push_back({Severity::Note, "unsplit-counted-when-bought",
                                 "part of the footprint is not split by stage; the fleet counts it when a device is "
                                 "bought",
                                 device.systemId});
    const int lifeYears = static_cast<int>(std::floor(life));
    const double lifeFraction = life - lifeYears;
    const Co2e usePerDeviceYear = device.operational / life;
    const bool amortised = options.training == TrainingMode::Amortised;
    const Co2e perPurchase = device.embodied + device.unsplit - (amortised ? device.training : kgCo2e(0.0));

    std::deque<Cohort> cohorts;
    const auto buy = [&](int year, double count) {
        Cohort c;
        c.remaining = count;
        c.firstYear = year + lifeYears;
        c.firstAmount = count * (1.0 - lifeFraction);
        c.secondYear = year + lifeYears + 1;
        c.secondAmount = count * lifeFraction;
        cohorts.push_back(c);
    };

    const int y0 = options.startYear;
    const int horizon = std::max(0, options.horizonYears);
    double stock = 0.0;
    if (options.initialStock == InitialStock::InService) {
        stock = options.stock.devicesAt(y0);
        // Uniform ages: 1/L of the stock retires each year over the first lifetime.
        for (int k = 0; k <= lifeYears; ++k) {
            const double share = k < lifeYears ? 1.0 / life : lifeFraction / life;
            if (share <= 0.0) continue;
            cohorts.push_back({stock * share, y0 + k, stock * share, y0 + k, 0.0});
        }
    }
    for (int i = 0; i < horizon; ++i) {
        const int y = y0 + i;
        FleetYear fy;
        fy.year = y;
        double retired = 0.0;
        for (auto& c : cohorts) {
            if (c.firstYear == y) {
                const double n = std::min(c.firstAmount, c.remaining);
                c.remaining -= n;
                retired += n;
            }
            if (c.secondYear == y) {
                const double n = std::min(c.secondAmount, c.remaining);
                c.remaining -= n;
                retired += n;
            }
        }
        while (!cohorts.empty() && cohorts.front().remaining <= 0.0) cohorts.pop_front();
        const double left = stock - retired;
        const double target = std::max(0.0, options.stock.devicesAt(y));
        double bought = 0.0;
        if (target > left) {
            bought = target - left;
            buy(y, bought);
        } else if (target < left) {
            // The stock shrinks faster than devices retire: the oldest go early.
            double excess = left - target;
            retired += excess;
            for (auto& c : cohorts) {
                const double n = std::min(excess, c.remaining);
                c.remaining -= n;
                excess -= n;
                if (excess <= 0.0) break;
            }
        }
        stock = target;
        fy.inService = target;
        fy.purchased = bought;
        fy.retired = retired;
        fy.embodied = perPurchase * bought;
        fy.operational = usePerDeviceYear * target;
        fy.training = kgCo2e(0.0);
        if (amortised) {
            const int runs = std::max(1, options.trainingRuns);
            for (int k = 0; k < runs; ++k)
                if (static_cast<int>(static_cast<long long>(k) * horizon / runs) == i) fy.training += device.training;
        }
        fy.total = fy.embodied + fy.operational + fy.training;
        r.embodied += fy.embodied;
        r.operational += fy.operational;
        r.training += fy.training;
        r.total += fy.total;
        fy.cumulative = r.total;
        r.purchased += bought;
        r.deviceYears += target;
        r.years.push_back(fy);
    }
    return r;
}

Metric FleetResult::metric(std::size_t system) const {
    Metric m;
    m.name = systemId + " fleet";
    const double life = std::max(1.0, inYears(device.lifetime));
    const bool amortised = options.training == TrainingMode::Amortised;
    const double runs = amortised ? static_cast<double>(std::max(1, options.trainingRuns)) : 0.0;
    m.parts.push_back({system, Part::Embodied, purchased});
    m.parts.push_back({system, Part::Unsplit, purchased});
    m.parts.push_back({system, Part::Operational, deviceYears / life});
    if (amortised && options.horizonYears > 0) m.parts.push_back({system, Part::Training, runs - purchased});
    return m;
}

WhatIf whatIf(const SectorTotal& sector, double sharePercent, Co2e fleet, double years) {
    WhatIf w;
    w.sector = &sector;
    w.sharePercent = sharePercent;
    w.years = years;
    w.savings = sector.perYear * (sharePercent / 100.0 * years);
    w.fleet = fleet;
    w.net = w.savings - fleet;
    const Co2e sectorOverYears = sector.perYear * years;
    w.breakEvenSharePercent = sectorOverYears > kgCo2e(0.0) ? 100.0 * (fleet / sectorOverYears).value() : 0.0;
    return w;
}

Payback paybackTime(const DeviceFootprint& device, Co2e savedPerYear) {
    Payback p;
    const double life = inYears(device.lifetime);
    p.upfront = device.embodied + device.unsplit;
    p.usePerYear = life > 0.0 ? device.operational / life : kgCo2e(0.0);
    p.savedPerYear = savedPerYear;
    const Co2e netRate = savedPerYear - p.usePerYear;
    if (netRate > kgCo2e(0.0)) {
        p.years = (p.upfront / netRate).value();
        p.withinLifetime = *p.years <= life;
    }
    p.netOverLifetime = savedPerYear * life - (p.upfront + device.operational);
    return p;
}

} // namespace tinyfoot::study
