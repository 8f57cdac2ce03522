//! `/sitemap.xml`: every HTML page of the site graph but the 404 page, as absolute URLs.

use crate::base::config::SiteConfig;
use crate::graph::{PageData, SiteGraph};
use crate::publish::xml::Xml;

pub(crate) const SITEMAP_PATH: &str = "/sitemap.xml";
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// `/sitemap.xml`: every HTML page of the graph but the 404 page, meetings with their date.
pub(crate) fn sitemap(graph: &SiteGraph, config: &SiteConfig) -> String {
    let mut xml = Xml::new();
    xml.open("urlset", &[("xmlns", SITEMAP_NS)]);
    for page in &graph.pages {
        if page.path == crate::graph::NOT_FOUND_PATH
            || matches!(page.data, PageData::Redirect { .. })
        {
            continue;
        }
        xml.open("url", &[]);
        xml.element("loc", &[], &config.absolute_url(&page.path));
        if let PageData::Meeting { meeting, .. } = &page.data {
            xml.element("lastmod", &[], &meeting.meeting().date);
        }
        xml.close("url");
    }
    xml.close("urlset");
    xml.finish()
}
