#include "tinyfoot/engine/system.h"

namespace tinyfoot {

std::string_view supplyId(Supply supply) {
    switch (supply) {
    case Supply::Mains: return "mains";
    case Supply::Battery: return "battery";
    case Supply::Primary: return "primary";
    }
    return "unknown";
}

std::string_view gasAbatementId(GasAbatement abatement) {
    switch (abatement) {
    case GasAbatement::Percent95: return "95";
    case GasAbatement::Percent99: return "99";
    case GasAbatement::Mean: return "mean";
    }
    return "unknown";
}

std::string_view yieldModelId(YieldModel model) {
    switch (model) {
    case YieldModel::Fixed: return "fixed";
    case YieldModel::Poisson: return "poisson";
    case YieldModel::Murphy: return "murphy";
    }
    return "unknown";
}

} // namespace tinyfoot
