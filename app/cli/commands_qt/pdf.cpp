// The command line's PDF writer for HTML documents (tinyfoot datasheet --format pdf): the
// charts library's writer, in an offscreen Qt application when there is no display.
#include "../cli.h"

#include "html_pdf.h"

#include <QGuiApplication>

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
    return charts::writeHtmlPdf(QString::fromStdString(html), QString::fromStdString(path.string())).toStdString();
}

const bool registered = [] {
    htmlToPdf() = writePdf;
    return true;
}();

} // namespace
} // namespace tinyfoot::cli
