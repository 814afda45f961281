#pragma once

#include "http/exchange.h"

#include <QWidget>

namespace ApiLens::Ui {

// A small waterfall of the phases of one exchange, scaled to its total time.
class TimingView : public QWidget
{
    Q_OBJECT
public:
    struct Phase
    {
        QString name;
        double startMs;
        double endMs;
    };

    explicit TimingView(QWidget *parent = nullptr);
    void setTimings(const Core::Timings &timings);
    QList<Phase> phases() const { return m_phases; }

    // The phases Qt reported, in order; pure, for tests.
    static QList<Phase> phasesOf(const Core::Timings &timings);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<Phase> m_phases;
    double m_totalMs = 0;
    bool m_reused = false;
};

} // namespace ApiLens::Ui
