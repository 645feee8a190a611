// Generated systems: 300 random systems of physical models with every option the generator can
// draw (yield models, dies with their own node, memory, batteries by capacity or mass with cycle
// and calendar lives, training by energy or accelerator hours, use stages by power, profile or
// inference, supplies, the user's own grid, trajectories by slope and by points). For each:
// the study layer's model reproduces calculate() without an opaque line, and every parameter it
// exposes is the member its key names in the file (changing it through the key and changing the
// file give the same footprint, to 1e-12).
#include "study_support.h"
#include "system_generator.h"

#include "tinyfoot/engine/calculate.h"
#include "tinyfoot/engine/loader.h"
#include "tinyfoot/engine/param_ref.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace tinyfoot;
using namespace tinyfoot::study;
using nlohmann::json;

namespace {

const char* memberOf(Method m) {
    switch (m) {
    case Method::Ic: return "ic";
    case Method::Battery: return "battery";
    case Method::Training: return "training";
    default: return "use";
    }
}

System load(const json& j) {
    std::istringstream in(j.dump());
    return loadSystem(in, "generated.json");
}

} // namespace

TEST_CASE("generated physical systems: exact models, and every parameter key is its member in the file") {
    const FactorSet& set = *test::library().findFactorSet("open-data");
    test::SystemGenerator gen(20261203);
    int systems = 0, parameters = 0;
    for (int n = 0; n < 300; ++n) {
        const json file = gen.system(n);
        CAPTURE(file.dump());
        const System s = load(file);
        checkReferences(s, test::library(), &set);
        const Result r = calculate(s, set, nullptr);
        const FlatModel m = FlatModel::compile({s}, {r}, set, {nullptr});
        for (const auto& d : m.diagnostics()) {
            CAPTURE(d.message);
            CHECK(d.code != "opaque-line");
            CHECK(d.code != "model-mismatch");
        }
        CHECK(m.evaluate(0, m.nominalValues()).total == doctest::Approx(units::inKgCo2e(r.total)).epsilon(1e-12));
        for (std::size_t ci = 0; ci < s.components.size(); ++ci) {
            for (const auto& p : componentParameters(s.components[ci])) {
                CAPTURE(p.ref.key());
                CHECK(ParamRef::parse(p.ref.key()) == p.ref);
                // A plain use stage (power x time x grid at efficiency 1) is a compiled product,
                // whose inputs are its power, duration and grid; its efficiency is not one yet.
                const UseModel& u = s.components[ci].use;
                const bool plainUse = s.components[ci].method == Method::UsePower && u.kind == UseModel::Kind::Power &&
                                      u.efficiency == 1.0 && !u.trajectory && !u.gridKgPerKwh &&
                                      u.supply != Supply::Primary;
                if (!(plainUse && p.ref.path == "supply/efficiency")) CHECK_FALSE(m.findInputs(p.ref.key()).empty());
                // 10 % more, or 10 % less for fractions held at most 1.
                const bool stateFraction =
                    p.ref.path.rfind("profile/", 0) == 0 && p.ref.path.find("/fraction") != std::string::npos;
                const bool fraction = p.ref.path == "supply/efficiency" || p.ref.path == "yield" || stateFraction;
                const double factor = fraction ? 0.9 : 1.1;
                System viaKey = s;
                REQUIRE(setComponentParameter(viaKey.components[ci], p.ref.path, p.internal * factor));
                json edited = file;
                std::string pointer =
                    "/components/" + std::to_string(ci) + "/" + memberOf(s.components[ci].method) + "/" + p.ref.path;
                if (p.ref.path == "grid") pointer += "/value";
                const json::json_pointer at(pointer);
                if (stateFraction) {
                    // The generated profiles have two states: the other one takes the rest of the time.
                    const std::size_t state = p.ref.path[8] == '0' ? 0 : 1;
                    json& profile = edited[at.parent_pointer().parent_pointer()];
                    profile[state]["fraction"] = p.internal * factor;
                    profile[1 - state]["fraction"] = 1.0 - p.internal * factor;
                } else if (!edited.contains(at) && p.ref.path == "supply/efficiency") {
                    // The default supply: mains at an efficiency of 1.
                    edited[at.parent_pointer()] = {{"path", "mains"}, {"efficiency", p.internal * factor}};
                } else if (!edited.contains(at)) {
                    // A member with a default (a count, PUE, trainings): written into the file.
                    edited[at] = p.internal * factor;
                } else if (auto& member = edited[at]; member.is_object()) {
                    member["value"] = member["value"].get<double>() * factor;
                } else {
                    member = member.get<double>() * factor;
                }
                const double a = units::inKgCo2e(calculate(viaKey, set, nullptr).total);
                const double b = units::inKgCo2e(calculate(load(edited), set, nullptr).total);
                CHECK(a == doctest::Approx(b).epsilon(1e-12));
                ++parameters;
            }
        }
        ++systems;
    }
    CHECK(systems == 300);
    CHECK(parameters > 300 * 10);
}
