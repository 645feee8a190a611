#include "studio_startup.h"

#include "tinyfoot/engine/error.h"

#include <QApplication>
#include <QGuiApplication>
#include <QIcon>

#include <optional>

namespace tinyfoot::studio {

void prepareApplication() {
    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
}

void nameApplication() {
    QApplication::setOrganizationName(QStringLiteral("TinyFoot"));
    QApplication::setApplicationName(QStringLiteral("TinyFoot Studio"));
    QApplication::setDesktopFileName(QStringLiteral("tinyfoot-studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/tinyfoot-studio.svg")));
}

QString StudioLibrary::defaultStudy() const {
    return QString::fromStdString((loaded.root / "presets" / "studies" / "paper-comparison.json").string());
}

OperationResult loadStudioLibrary(StudioLibrary& into) {
    try {
        into.loaded = app::loadLibrary(app::findDataRoot(std::nullopt));
        into.data = app::loadStudyData(into.loaded.root, into.loaded.library);
    } catch (const Error& e) {
        return OperationResult::failure(QString::fromStdString(e.what()));
    }
    return OperationResult::success();
}

} // namespace tinyfoot::studio
