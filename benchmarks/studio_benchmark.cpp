// Studio responsiveness: start-up to first paint (main window built, the paper comparison
// opened, the window shown and painted) and edit to chart updated (a component left out and
// back in through the undo stack: the study recomputed, the table reset, the chart redrawn, the
// component editor and the fleet views brought up to date), and how long the event loop waits
// at worst while a Monte Carlo run of the paper's uncertainty study goes on its worker thread,
// and how long the Differences tab takes when first shown after that run.
// Prints the figures; run under QT_QPA_PLATFORM=offscreen or a display.
//
// Usage: studio_benchmark [--edits N] [--samples N]
#include "main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
    int edits = 50;
    int samples = 1000000;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--edits") == 0 && i + 1 < argc) edits = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--samples") == 0 && i + 1 < argc) samples = std::atoi(argv[++i]);
    }
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    const auto loaded = tinyfoot::app::loadLibrary(TINYFOOT_SOURCE_ROOT);
    QTemporaryDir autosave;
    tinyfoot::studio::MainWindow window(loaded.library, tinyfoot::app::loadStudyData(loaded.root, loaded.library),
                                        autosave.path());
    window.resize(1280, 800);
    if (const auto opened =
            window.document().open(QStringLiteral(TINYFOOT_SOURCE_ROOT "/presets/studies/paper-comparison.json"));
        opened.failed()) {
        std::fprintf(stderr, "%s\n", opened.message().toStdString().c_str());
        return 1;
    }
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

    // The event loop during a Monte Carlo run: a timer asks every 5 ms; the longest gap between
    // two of its turns is what a user would feel as the window freezing.
    if (const auto opened =
            window.document().open(QStringLiteral(TINYFOOT_SOURCE_ROOT "/presets/studies/paper-uncertainty.json"));
        opened.failed()) {
        std::fprintf(stderr, "%s\n", opened.message().toStdString().c_str());
        return 1;
    }
    auto& views = window.studyViews();
    views.setCurrentView(tinyfoot::studio::StudyViews::Uncertainty);
    views.setSamples(samples);
    QElapsedTimer run, gap;
    double worstGap = 0.0;
    int turns = 0;
    QTimer ping;
    ping.setInterval(5);
    QObject::connect(&ping, &QTimer::timeout, [&] {
        worstGap = std::max(worstGap, static_cast<double>(gap.nsecsElapsed()) / 1e6);
        gap.restart();
        ++turns;
    });
    run.start();
    gap.start();
    ping.start();
    views.runUncertainty();
    while (views.isRunning()) QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const double runMs = static_cast<double>(run.nsecsElapsed()) / 1e6;
    ping.stop();

    // The Differences tab shown after the run: the pairs compared (paired against independent,
    // differences and ratios) and drawn, once.
    QElapsedTimer shown;
    shown.start();
    views.setCurrentView(tinyfoot::studio::StudyViews::Differences);
    (void)views.plot(tinyfoot::studio::StudyViews::Differences); // brought up to date, as showing it does
    QApplication::processEvents();
    const double differencesMs = static_cast<double>(shown.nsecsElapsed()) / 1e6;
    const std::size_t pairs = views.differences() ? views.differences()->size() : 0;

    std::printf("start-up to first paint: %.1f ms (library loaded, study opened, window painted)\n", startup);
    std::printf("edit to chart updated: median %.2f ms, worst %.2f ms over %d edits\n", times[times.size() / 2],
                times.back(), edits);
    std::printf("Monte Carlo of %d samples on the worker: %.0f ms; the event loop turned %d times, longest "
                "wait %.1f ms\n",
                samples, runMs, turns, worstGap);
    std::printf("Differences tab shown after the run: %.1f ms (%zu pairs compared and drawn)\n", differencesMs, pairs);
    return 0;
}
