"""Case study: Zhihu circles."""

from pages.shared.case_view import show_case

show_case("zhihu")
