#include "tinyfoot/engine/model.h"

namespace tinyfoot {

namespace {
struct BlockNames {
    Block block;
    std::string_view id;
    std::string_view name;
};
constexpr std::array kBlockNames{
    BlockNames{Block::MlTraining, "ml_training", "ML training"},
    BlockNames{Block::Actuators, "actuators", "actuators"},
    BlockNames{Block::Casing, "casing", "casing"},
    BlockNames{Block::Connectivity, "connectivity", "connectivity"},
    BlockNames{Block::Memory, "memory", "memory"},
    BlockNames{Block::Others, "others", "others"},
    BlockNames{Block::Pcb, "pcb", "PCB"},
    BlockNames{Block::PowerSupply, "power_supply", "power supply"},
    BlockNames{Block::Processing, "processing", "processing"},
    BlockNames{Block::Security, "security", "security"},
    BlockNames{Block::Sensing, "sensing", "sensing"},
    BlockNames{Block::Transport, "transport", "transport"},
    BlockNames{Block::UserInterface, "user_interface", "user interface"},
    BlockNames{Block::UseStage, "use_stage", "use stage"},
    BlockNames{Block::EndOfLife, "end_of_life", "end of life"},
    BlockNames{Block::Declared, "declared", "declared total"},
};
struct StageNames {
    Stage stage;
    std::string_view id;
    std::string_view name;
};
constexpr std::array kStageNames{
    StageNames{Stage::Production, "production", "production"},
    StageNames{Stage::Transport, "transport", "transport"},
    StageNames{Stage::Use, "use", "use"},
    StageNames{Stage::EndOfLife, "end_of_life", "end of life"},
    StageNames{Stage::WholeLifeCycle, "whole_life_cycle", "whole life cycle (not split)"},
};
} // namespace

std::string_view blockId(Block block) {
    for (const auto& b : kBlockNames)
        if (b.block == block) return b.id;
    return "unknown";
}
std::string_view blockName(Block block) {
    for (const auto& b : kBlockNames)
        if (b.block == block) return b.name;
    return "unknown";
}
std::optional<Block> blockFromId(std::string_view id) {
    for (const auto& b : kBlockNames)
        if (b.id == id) return b.block;
    return std::nullopt;
}
std::string_view stageId(Stage stage) {
    for (const auto& s : kStageNames)
        if (s.stage == stage) return s.id;
    return "unknown";
}
std::string_view stageName(Stage stage) {
    for (const auto& s : kStageNames)
        if (s.stage == stage) return s.name;
    return "unknown";
}
std::optional<Stage> stageFromId(std::string_view id) {
    for (const auto& s : kStageNames)
        if (s.id == id) return s.stage;
    return std::nullopt;
}

Stage defaultStage(Block block) {
    switch (block) {
    case Block::Transport: return Stage::Transport;
    case Block::UseStage: return Stage::Use;
    case Block::EndOfLife: return Stage::EndOfLife;
    case Block::Declared: return Stage::WholeLifeCycle;
    default: return Stage::Production;
    }
}

bool isEmbodied(Stage stage) {
    return stage == Stage::Production || stage == Stage::Transport || stage == Stage::EndOfLife;
}
bool isOperational(Stage stage) { return stage == Stage::Use; }

} // namespace tinyfoot
