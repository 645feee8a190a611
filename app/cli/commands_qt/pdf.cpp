// The command line's PDF writer for HTML documents (tinyfoot datasheet --format pdf): Qt's
// rich-text layout on A4 pages, offscreen when there is no display, written atomically.
#include "../cli.h"

#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

#include <cstdlib>
#include <memory>

namespace tinyfoot::cli {
namespace {

std::string writePdf(const std::string& html, const std::filesystem::path& path) {
    std::unique_ptr<QGuiApplication> app;
    if (!QCoreApplication::instance()) {
        if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM"))
            setenv("QT_QPA_PLATFORM", "offscreen", 1);
        static int argc = 1;
        static char name[] = "tinyfoot";
        static char* argv[] = {name, nullptr};
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
    QSaveFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::WriteOnly))
        return "cannot write " + path.string() + ": " + file.errorString().toStdString();
    {
        QPdfWriter pdf(&file);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
        pdf.setResolution(300);
        pdf.setTitle(QStringLiteral("TinyFoot datasheet"));
        pdf.setCreator(QStringLiteral("tinyfoot"));
        QTextDocument doc;
        doc.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
        doc.setHtml(QString::fromStdString(html));
        doc.print(&pdf);
    }
    if (!file.commit()) return "cannot write " + path.string() + ": " + file.errorString().toStdString();
    return {};
}

const bool registered = [] {
    htmlToPdf() = writePdf;
    return true;
}();

} // namespace
} // namespace tinyfoot::cli
