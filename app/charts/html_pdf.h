// HTML documents (the datasheet) laid out as a PDF by Qt's rich-text engine: shared by
// `tinyfoot datasheet --format pdf` and the studio's Export Datasheet.
#pragma once

#include <QString>

namespace tinyfoot::charts {

/// Writes `html` as an A4 PDF at `path`, atomically (QSaveFile). Needs a Qt GUI application
/// (an offscreen one will do). Returns an error message, empty on success.
QString writeHtmlPdf(const QString& html, const QString& path);

} // namespace tinyfoot::charts
