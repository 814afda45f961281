#pragma once

#include "http/statusclass.h"

#include <QWidget>

namespace ApiLens::Ui {

// A filled, rounded badge: "⚠ 404 Not Found · Client error". The class is in the glyph,
// the text and the tooltip as well as the colour.
class StatusBadge : public QWidget
{
    Q_OBJECT
public:
    explicit StatusBadge(QWidget *parent = nullptr);

    void setStatus(int status, const QString &reason);
    void setNoResponse(const QString &title);
    void clear();
    // More about the status (from the catalog), shown in the tooltip.
    void setDescription(const QString &description);

    Core::StatusClass statusClass() const { return m_class; }
    int status() const { return m_status; }
    QString text() const { return m_text; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    Core::StatusClass m_class = Core::StatusClass::None;
    int m_status = 0;
    QString m_text;
    QString m_description;
};

} // namespace ApiLens::Ui
