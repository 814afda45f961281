#pragma once

class QLineEdit;
class QWidget;

namespace ApiLens::Ui {

// A line edit for a secret: its text hidden, with a Show action that reveals it.
QLineEdit *secretEdit(QWidget *parent = nullptr);

} // namespace ApiLens::Ui
