"""Case study: the Xiaomi community."""

from pages.shared.case_view import show_case

show_case("xiaomi")
