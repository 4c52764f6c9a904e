from django.core.checks import Warning, register

from reports.chart_images import chromium_path


@register()
def chromium_for_pdf_charts(app_configs, **kwargs):
    if chromium_path() is None:
        return [
            Warning(
                "Chromium is not installed: PDF reports will show tables instead of charts.",
                hint="On Debian: apt-get install -y chromium (make run and make test do that "
                "when run as root).",
                id="reports.W001",
            )
        ]
    return []
