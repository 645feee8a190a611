// A device or TinyML system: a bill of components, each computed by a named method from
// physical quantities, or declared as a fixed value with its source.
#pragma once

#include "tinyfoot/engine/factor.h"
#include "tinyfoot/engine/hsl.h"
#include "tinyfoot/engine/model.h"
#include "tinyfoot/engine/quantity.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinyfoot {

/// How a component's emissions are computed.
enum class Method {
    Hsl,       ///< inventory taken from an HSL level at a bound (lower / typical / upper)
    Inventory, ///< explicit items: amount × factor (die mm², PCB cm², grams, parts, devices)
    Transport, ///< device mass × leg distance × freight factor, summed over legs
    UsePower,  ///< average power (given, duty-cycled or per inference) × duration × grid intensity
    Fixed,     ///< a declared value with its source (custom values, manufacturer reports)
    Ic,        ///< integrated circuits by process node and die area, memory by capacity (ACT)
    Battery,   ///< battery by chemistry and capacity, with replacements over the lifetime
    Training,  ///< ML training energy × site grid, amortised over the devices running the model
};
std::string_view methodId(Method m);

/// One line of a bill of materials: an amount and the factor that turns it into CO2e.
struct InventoryItem {
    std::string name;
    Amount amount;
    std::string factor; ///< factor id
    std::string path;   ///< JSON pointer of the item in its file, for messages
};

/// One freight leg.
struct TransportLeg {
    std::string mode;
    Amount distance;
    std::string factor;
    std::string path;
};

/// A harness measurement the use stage is built from (the harness' results.json), with the
/// provenance a report shows beside it.
/// How far the true energy per inference may lie from a results file's figure, as multiples of it:
/// for an emulated estimate, the range of published measurements of the same workload over the
/// emulated figure (the emulation's validation). Studies sample the use stage's energy uniformly
/// over [low, high] x the figure; the range need not contain 1 (an estimate known to be high).
struct MeasurementSpread {
    double low = 1.0;
    double high = 1.0;
    std::string basis; ///< where the range comes from, with its sources
};

struct Measurement {
    std::string file;                     ///< as referenced (relative to the document) or given on the command line
    std::string kind;                     ///< "measured", "imported" or "emulated estimate"
    bool complete = true;                 ///< false for a session cut off by a fault
    std::string device;                   ///< device name and model
    std::string monitor;                  ///< power monitor kind and name
    std::string started;                  ///< ISO 8601 time of the session
    Amount energyPerInference;            ///< median, gross
    std::optional<Amount> idleSubtracted; ///< median energy per inference less the idle baseline
    std::optional<Amount> inferenceTime;
    std::optional<Amount> idlePower;
    std::optional<MeasurementSpread> spread;
    std::vector<Source> sources;

    /// The energy per inference the use stage takes: idle-subtracted where the file gives it
    /// (the idle power then covers all the time), else the gross median.
    const Amount& usedEnergy() const { return idleSubtracted ? *idleSubtracted : energyPerInference; }
    Amount& usedEnergy() { return idleSubtracted ? *idleSubtracted : energyPerInference; }
};

/// One power state of a duty-cycled device.
struct PowerState {
    std::string name;
    Amount power;
    double fraction = 0.0; ///< of the time, in [0, 1]; a profile's fractions sum to 1
};

/// A year → grid intensity point of a trajectory (kg CO2e per kWh).
struct GridPoint {
    double year = 0.0;
    double kgPerKwh = 0.0;
};

/// How the grid intensity evolves over the use period. Either an annual change applied to the
/// starting intensity, or a table of points (linear between them, held beyond the ends).
struct GridTrajectory {
    double startYear = 0.0;
    std::optional<double> annualChangePercent; ///< e.g. -3 for 3 % less each year
    std::vector<GridPoint> points;
};

/// Where the use stage's energy comes from.
enum class Supply {
    Mains,   ///< the grid, through an adapter of UseModel::efficiency
    Battery, ///< a rechargeable battery, recharged from the grid through a charger of UseModel::efficiency
    Primary, ///< non-rechargeable cells: no grid electricity (the battery component carries the replacements)
};
/// The word a file uses: "mains", "battery", "primary".
std::string_view supplyId(Supply supply);

/// The use stage: how much energy the device draws and what it costs at the grid.
struct UseModel {
    enum class Kind { Power, DutyCycle, Inference };
    Kind kind = Kind::Power;        ///< Kind::Power: the power is Component::power
    std::vector<PowerState> states; ///< Kind::DutyCycle
    // Kind::Inference: energy per inference × rate + idle power (the rest of the time)
    Amount energyPerInference;
    Amount inferenceRate;
    Amount idlePower;
    std::optional<Measurement> measurement; ///< when the inference figures come from the harness
    std::string measurementFile;            ///< a results.json referenced by the document
    Supply supply = Supply::Mains;
    double efficiency = 1.0;
    std::optional<double> gridKgPerKwh; ///< the user's own intensity instead of a factor
    std::vector<Source> gridSources;    ///< for gridKgPerKwh
    std::optional<GridTrajectory> trajectory;
};

/// One die of an Ic component.
struct Die {
    std::string name;
    Amount area;
    double count = 1.0;
    std::optional<double> nodeNm; ///< overrides the component's node
};

/// One memory or storage part of an Ic component.
struct MemoryPart {
    std::string name;
    std::string technology; ///< id in the factor set's memory table
    Amount capacity;
    double count = 1.0;
};

/// Which of the process-node table's fluorinated-gas columns an IC's fab is taken to have.
enum class GasAbatement {
    Percent95, ///< 95 % abatement (the table's gpa_95 column)
    Percent99, ///< 99 % abatement (gpa_99)
    Mean,      ///< the mean of the two
};
/// The word a file uses: "95", "99", "mean".
std::string_view gasAbatementId(GasAbatement abatement);

/// How an IC's die yield is obtained.
enum class YieldModel {
    Fixed,   ///< IcModel::yield, else the table's default yield
    Poisson, ///< exp(-area x defect density)
    Murphy,  ///< ((1 - exp(-area x defect density)) / (area x defect density))^2
};
/// The word a file uses: "fixed", "poisson", "murphy".
std::string_view yieldModelId(YieldModel model);

struct IcModel {
    double nodeNm = 0.0;
    std::string fabGrid; ///< factor id of the fab's grid intensity
    GasAbatement gasAbatement = GasAbatement::Mean;
    YieldModel yieldModel = YieldModel::Fixed;
    std::optional<double> yield;               ///< fixed yield; default: the table's
    std::optional<double> defectDensityPerCm2; ///< default: the table's
    std::vector<Die> dies;
    std::vector<MemoryPart> memory;
    std::optional<double> packages; ///< default: one per die and per memory part
};

struct BatteryModel {
    std::string chemistry;          ///< id in the factor set's battery table
    std::optional<Amount> capacity; ///< energy (Wh) or charge (mAh, with voltage)
    std::optional<Amount> voltage;
    std::optional<Amount> mass;         ///< sized by the chemistry's specific energy
    double count = 1.0;                 ///< cells in the device
    std::optional<double> cycleLife;    ///< full cycles before replacement (rechargeable)
    std::optional<Amount> calendarLife; ///< replaced at least this often (shelf life of primary cells)
    std::optional<int> replacements;    ///< fixed number of replacements instead of the rule
};

struct TrainingModel {
    std::optional<Amount> energy; ///< or accelerator hours × power × accelerators
    std::optional<Amount> acceleratorHours;
    std::optional<Amount> acceleratorPower;
    double accelerators = 1.0;
    double pue = 1.0;
    std::string grid;       ///< factor id of the training site's grid
    double devices = 1.0;   ///< devices that run the model
    double trainings = 1.0; ///< the first training plus retrainings
};

struct HslReference {
    int level = 0;
    Bound bound = Bound::Typical;
};

struct Component {
    std::string id;
    std::string name;
    Block block = Block::Others;
    Stage stage = Stage::Production;
    bool enabled = true;
    Method method = Method::Fixed;
    std::string path; ///< JSON pointer of the component in its file

    HslReference hsl;                 // Method::Hsl
    std::vector<InventoryItem> items; // Method::Inventory
    Amount transportMass;             // Method::Transport
    std::vector<TransportLeg> legs;   // Method::Transport
    Amount power;                     // Method::UsePower (UseModel::Kind::Power)
    std::optional<Amount> duration;   // Method::UsePower; default: the system's lifetime
    std::string grid;                 // Method::UsePower: factor id of the grid intensity
    UseModel use;                     // Method::UsePower
    IcModel ic;                       // Method::Ic
    BatteryModel battery;             // Method::Battery
    TrainingModel training;           // Method::Training
    Amount fixed;                     // Method::Fixed: the declared total it is a share of
    double sharePercent = 100.0;      // Method::Fixed: the share of `fixed` this component is
    std::vector<Source> sources;
    std::string note;
};

struct System {
    std::string id;
    std::string name;
    /// A short name for figures ("KWS best"); empty: figures use the id.
    std::string label;
    std::string kind; ///< "tinyml" or "reference"
    std::string description;
    std::vector<Source> sources;
    Amount lifetime;
    std::string hslCatalogue; ///< id of the HSL catalogue used by Method::Hsl components
    std::vector<Component> components;
    std::string sourceName; ///< where it was loaded from, for messages
    /// Set when a study named this system by preset id ({"preset": id}) and it was not edited
    /// since: a study is then saved with the reference, not a copy.
    std::string presetId;
};

/// A study: several systems compared under one factor set.
struct Study {
    std::string id;
    std::string name;
    std::string description;
    std::vector<Source> sources;
    std::string factorSet; ///< empty: the library's default
    std::vector<System> systems;
    std::string sourceName;
    /// The study's optional "analysis" member (fleet, growth, sweeps, uncertainty ...), kept as
    /// JSON text; the study layer parses it strictly. Empty when absent.
    std::string analysisJson;
};

} // namespace tinyfoot
