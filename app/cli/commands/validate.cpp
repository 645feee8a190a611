// tinyfoot validate: strict checks of files, or of the whole data library.
#include "../cli.h"

#include "tinyfoot/engine/format/number.h"

#include "tinyfoot/engine/error.h"

#include <iostream>

namespace tinyfoot::cli {
namespace {

std::string describeFile(const std::string& file, Environment& env) {
    const app::AnyDocument doc = app::loadAnyFile(file, env.library());
    if (const auto* s = std::get_if<FactorSet>(&doc))
        return "factor set '" + s->id + "', " + std::to_string(s->factors.size()) + " factors";
    if (const auto* c = std::get_if<HslCatalogue>(&doc))
        return "HSL catalogue '" + c->id + "', " + std::to_string(c->blocks.size()) + " blocks";
    if (const auto* i = std::get_if<ImpactSet>(&doc))
        return "impact set '" + i->id + "', " + std::to_string(i->hslBlocks.size()) + " blocks and levels, " +
               std::to_string(i->electricity.size()) + " grids";
    if (const auto* t = std::get_if<ItemMassTable>(&doc))
        return "item-mass table '" + t->id + "', " + std::to_string(t->items.size()) + " items";
    if (const auto* w = std::get_if<WeightingSet>(&doc))
        return "weighting set '" + w->id + "', " + std::to_string(w->entries.size()) + " categories";
    if (const auto* m = std::get_if<Measurement>(&doc))
        return "measurement (" + m->kind + (m->complete ? "" : ", incomplete") + "), " +
               format::shortest(m->energyPerInference.value) + " " + m->energyPerInference.unit + " per inference";
    if (const auto* f = std::get_if<app::FigureStyle>(&doc))
        return "figure style '" + f->id + "', columns " + f->columnIds();
    if (const auto* s = std::get_if<System>(&doc))
        return "system '" + s->id + "', " + std::to_string(s->components.size()) + " components";
    const Study& st = std::get<Study>(doc);
    return "study '" + st.id + "', " + std::to_string(st.systems.size()) + " systems";
}

int validate(const std::vector<std::string>& words, Environment& env) {
    const Args args(words, {}, {});
    if (args.positional().empty()) {
        try {
            const auto& loaded = env.loaded();
            for (const auto& f : loaded.files) std::cout << f.string() << ": ok\n";
            std::cout << loaded.files.size() << " files ok\n";
            return kOk;
        } catch (const Error& e) {
            std::cout << "data library: FAILED\n";
            std::cerr << "tinyfoot: " << e.what() << "\n";
            return kBadInput;
        }
    }
    env.loaded(); // references are checked against the library: it must load first
    int failures = 0;
    for (const auto& file : args.positional()) {
        try {
            const std::string what = describeFile(file, env);
            std::cout << file << ": ok (" << what << ")\n";
        } catch (const Error& e) {
            ++failures;
            std::cout << file << ": FAILED\n";
            std::cerr << "tinyfoot: " << e.what() << "\n";
        }
    }
    return failures ? kBadInput : kOk;
}

const Registration validateCommand{Command{"validate", "check files (or, with none, the whole data library)",
                                           R"(Usage: tinyfoot validate [FILE...]

Loads each file strictly (systems, studies, factor sets, HSL catalogues, figure styles) and checks its
references against the data library. Prints "ok" or the problem: file, JSON path, what was
expected and what was found. Without files: validates the whole data library.
Exit code 3 if any file fails.
)",
                                           validate}};

} // namespace
} // namespace tinyfoot::cli
