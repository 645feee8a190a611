// Studio responsiveness: start-up to first paint (main window built, the paper comparison
// opened, the window shown and painted) and edit to chart updated (a component left out and
// back in through the undo stack: the study recomputed, the table reset, the chart redrawn).
// Prints the figures; run under QT_QPA_PLATFORM=offscreen or a display.
//
// Usage: studio_benchmark [--edits N]
#include "main_window.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
    int edits = 50;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--edits") == 0 && i + 1 < argc) edits = std::atoi(argv[++i]);
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    const auto loaded = tinyfoot::app::loadLibrary(TINYFOOT_SOURCE_ROOT);
    tinyfoot::studio::MainWindow window(loaded.library);
    window.resize(1280, 800);
    window.document().open(QStringLiteral(TINYFOOT_SOURCE_ROOT "/presets/studies/paper-comparison.json"));
    window.show();
    window.grab(); // forces a complete paint of the window
    const double startup = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    std::vector<double> times;
    for (int i = 0; i < edits; ++i) {
        QElapsedTimer t;
        t.start();
        window.document().setComponentEnabled(4, 2, i % 2 != 0); // recompute, table, chart replot
        QApplication::processEvents();
        times.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    std::printf("start-up to first paint: %.1f ms (library loaded, study opened, window painted)\n", startup);
    std::printf("edit to chart updated: median %.2f ms, worst %.2f ms over %d edits\n", times[times.size() / 2],
                times.back(), edits);
    return 0;
}
