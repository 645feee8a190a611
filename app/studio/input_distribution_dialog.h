// The dialog that sets one input's distribution for Monte Carlo and sensitivity (the study's
// "uncertainty": {"inputs": [...]}, docs/studies.md §6): the input by key, its distribution and
// its values, written through StudyViews::setInputDistribution (one undo step; refused with the
// engine's reason, and the dialog stays open).
#pragma once

#include "operation_result.h"

#include <QDialog>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace tinyfoot::studio {

class InputDistributionDialog : public QDialog {
    Q_OBJECT
public:
    /// One input the dialog offers: its key and the unit it is written in.
    struct Input {
        std::string key;
        std::string unit;
    };
    using Apply = std::function<OperationResult(const std::string& key, const nlohmann::json& spec)>;
    /// `entries`: the study's "inputs" array (may be null); `write` writes one.
    InputDistributionDialog(std::vector<Input> inputs, nlohmann::json entries, Apply write, QWidget* parent = nullptr);

    /// The fields, for tests: key, distribution id ("default" gives the input back to its
    /// family's default), relative, unit and the values in the order the distribution takes them
    /// (lower, upper; lower, mode, upper; mean, sd; median, gsd).
    void setFields(const QString& key, const QString& distribution, bool relative, const QString& unit,
                   const std::vector<double>& values);
    /// Applies the fields; on success the dialog is accepted, else it shows why and stays open.
    OperationResult apply();

private:
    void showEntry();
    void showLabels();

    std::vector<Input> m_inputs;
    nlohmann::json m_entries;
    Apply m_apply;
    QComboBox* m_key = nullptr;
    QComboBox* m_kind = nullptr;
    QCheckBox* m_relative = nullptr;
    QLineEdit* m_unit = nullptr;
    QLabel* m_names[3] = {};
    QLineEdit* m_values[3] = {};
    QLabel* m_error = nullptr;
};

} // namespace tinyfoot::studio
