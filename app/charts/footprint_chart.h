// The calculator's figure: the footprint of systems per functional block, as stacked bars (on a
// log axis, the paper's style, or a linear one) or as each total beside the blocks' shares of it,
// with its data as CSV. The desktop app and `tinyfoot chart` draw through this one code path.
#pragma once

#include "figure.h"

#include "tinyfoot/engine/calculate.h"

#include <qcustomplot.h>

#include <string>
#include <vector>

namespace tinyfoot::charts {

/// Bars whose segments each carry an outline only where they are large enough for it: a segment
/// lower or narrower than kOutlineMinimumPoints is drawn in its colour alone, so that a thin
/// block reads as its colour, not as a black line.
class SegmentBars : public QCPBars {
public:
    using QCPBars::QCPBars;

    /// The rectangle (pixels, points at print size) of the index-th data point as last laid out.
    QRectF segmentRect(int index) const;
    /// The outline the index-th data point is drawn with (Qt::NoPen when it has none).
    QPen outlineAt(int index) const;

protected:
    void draw(QCPPainter* painter) override;

private:
    QPen outlineFor(const QRectF& rect) const;
};

/// Draws the footprint of each result per block on `plot`, replacing what was there, in the style
/// `options.bars` names; systems are labelled by their label (Result::systemLabel), wrapped to the
/// width of a bar's slot.
void drawFootprint(QCustomPlot& plot, const std::vector<Result>& results, const ChartOptions& options);

/// The figure's data: one row per system and block, "system,block,kg_co2e".
std::string figureCsv(const std::vector<Result>& results);

} // namespace tinyfoot::charts
