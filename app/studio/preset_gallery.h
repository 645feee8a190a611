// The preset gallery: every preset system of the library (the paper's TinyML systems, the
// calculator's application presets, reference devices such as the MacBook Pro and the Apple
// Watch), grouped by kind, each with its total kg CO2e under the document's factor set. Returns
// the ids chosen; StudyDocument::addSystem adds each (AddSystemCommand).
#pragma once

#include "study_document.h"

#include <QDialog>

#include <string>
#include <vector>

class QDialogButtonBox;
class QTreeWidget;

namespace tinyfoot::studio {

class PresetGallery : public QDialog {
    Q_OBJECT
public:
    /// `factorSetId`: the set totals are computed with (the library's default when unknown).
    PresetGallery(const Library& library, const QString& factorSetId, QWidget* parent = nullptr);

    /// The group a preset is shown in: "tinyml", "calculator" (presets/calculator/) or "reference".
    static QString groupOf(const System& preset);

    /// The chosen presets' ids (the selected rows), in the gallery's order.
    std::vector<std::string> chosenIds() const;
    /// Selects the preset `id` (adds it to the chosen ones); false when it is not listed.
    bool choose(const std::string& id);
    /// Adds every chosen preset to the document, one undo step each; returns how many.
    int addChosenTo(StudyDocument& doc) const;

    QTreeWidget* tree() const { return m_tree; }

private:
    QTreeWidget* m_tree = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace tinyfoot::studio
