// The vocabulary of a life-cycle assessment in TinyFoot: life-cycle stages and functional blocks.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace tinyfoot {

/// Life-cycle stages. `WholeLifeCycle` exists only for declared totals whose split is not
/// published (e.g. a manufacturer figure with no breakdown).
enum class Stage { Production, Transport, Use, EndOfLife, WholeLifeCycle };

/// Functional blocks: the 12 blocks of Pirson & Bol (2021) plus ML training, the use stage, end
/// of life, and `Declared` for declared figures that are not tied to one block.
enum class Block {
    MlTraining,
    Actuators,
    Casing,
    Connectivity,
    Memory,
    Others,
    Pcb,
    PowerSupply,
    Processing,
    Security,
    Sensing,
    Transport,
    UserInterface,
    UseStage,
    EndOfLife,
    Declared,
};

inline constexpr std::array kAllStages{Stage::Production, Stage::Transport, Stage::Use, Stage::EndOfLife,
                                       Stage::WholeLifeCycle};

/// Blocks in the order of the paper's table (then `Declared`).
inline constexpr std::array kAllBlocks{Block::MlTraining,    Block::Actuators, Block::Casing,    Block::Connectivity,
                                       Block::Memory,        Block::Others,    Block::Pcb,       Block::PowerSupply,
                                       Block::Processing,    Block::Security,  Block::Sensing,   Block::Transport,
                                       Block::UserInterface, Block::UseStage,  Block::EndOfLife, Block::Declared};

/// Identifier used in files ("power_supply") and its readable name ("power supply").
std::string_view blockId(Block block);
std::string_view blockName(Block block);
std::optional<Block> blockFromId(std::string_view id);

std::string_view stageId(Stage stage);
std::string_view stageName(Stage stage);
std::optional<Stage> stageFromId(std::string_view id);

/// The stage a block's emissions belong to unless a component says otherwise.
/// ML training is an upstream burden carried by each device: production.
Stage defaultStage(Block block);

/// Embodied = production + transport + end of life; operational = use.
bool isEmbodied(Stage stage);
bool isOperational(Stage stage);

} // namespace tinyfoot
