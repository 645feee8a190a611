#include "parameter_edit.h"

#include "tinyfoot/engine/format/number.h"

#include <algorithm>

namespace tinyfoot::studio {

namespace {

QString qstr(const std::string& s) { return QString::fromStdString(s); }

} // namespace

std::optional<std::size_t> componentIndex(const System& system, const ParamRef& ref) {
    if (ref.kind != ParamRef::Kind::Field) return std::nullopt;
    for (std::size_t i = 0; i < system.components.size(); ++i)
        if (system.components[i].id == ref.component) return i;
    return std::nullopt;
}

std::optional<ParamValue> findParameter(const System& system, const ParamRef& ref) {
    if (ref.kind == ParamRef::Kind::Lifetime) return lifetimeParameter(system);
    const auto c = componentIndex(system, ref);
    if (!c) return std::nullopt;
    for (auto& p : editableParameters(system, *c))
        if (p.ref == ref) return std::move(p);
    return std::nullopt;
}

QString refusal(const System& system, const ParamRef& ref, double value, const std::string& unit) {
    const auto p = findParameter(system, ref);
    if (!p) return QStringLiteral("%1: not a number of this system").arg(qstr(ref.key()));
    const QString name = qstr(p->label);
    if (!admits(p->domain, value))
        return QStringLiteral("%1: expected %2, got %3")
            .arg(name, qstr(expectedOf(p->domain)), qstr(format::shortestRounded(value)));
    if (!p->unit.empty()) {
        const auto u = findUnit(unit);
        if (!u || u->dimension != p->dimension)
            return QStringLiteral("%1: expected a unit of %2 (%3), got \"%4\"")
                .arg(name, qstr(describeDimension(p->dimension)), qstr(acceptedUnits(p->dimension)), qstr(unit));
    }
    return {};
}

QString parameterLabel(const ParamValue& p) { return qstr(p.what.empty() ? p.label : p.what); }

QString domainHint(ParamDomain domain) {
    switch (domain) {
    case ParamDomain::Fraction:
    case ParamDomain::PositiveFraction: return QStringLiteral("0–1");
    case ParamDomain::AtLeastOne: return QStringLiteral("≥ 1");
    case ParamDomain::Percent:
    case ParamDomain::Change: return QStringLiteral("%");
    case ParamDomain::NonNegative:
    case ParamDomain::Positive: break;
    }
    return {};
}

std::vector<UnitInfo> unitsOf(Dimension dimension) {
    std::vector<UnitInfo> out;
    const std::string list = acceptedUnits(dimension); // "mg, g, kg, t"
    std::size_t start = 0;
    while (start < list.size()) {
        std::size_t end = list.find(", ", start);
        if (end == std::string::npos) end = list.size();
        if (const auto u = findUnit(std::string_view(list).substr(start, end - start))) out.push_back(*u);
        start = end + 2;
    }
    return out;
}

} // namespace tinyfoot::studio
