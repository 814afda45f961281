#pragma once

// Pieces the RequestEditor's pages share (requesteditor.cpp, requesteditorpages.cpp).
class QComboBox;
class QLayout;
class QStackedWidget;
class QWidget;

namespace ApiLens::Ui::EditorPages {

// A widget holding `layout`.
QWidget *page(QLayout *layout);
// A "kind" combo over the stacked page of each kind (body kinds, auth kinds).
QWidget *kindPage(QComboBox *kind, QStackedWidget *pages, int pagesStretch);

} // namespace ApiLens::Ui::EditorPages
