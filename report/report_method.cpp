// The method and sources section of the HTML report (what auditors ask for: inputs with
// hashes, every parameter, the formulas with references, software versions) and the list
// of layers in the GeoPackage.

#include <cmath>

#include "report/report_page.hpp"
#include "report/report_svg.hpp"

namespace kvo::io::report {

namespace {

// A JSON scalar as text ("" for absent or null).
std::string scalar(const nlohmann::json& j, const std::string& key, const Page& p, int decimals = -1) {
  if (!j.is_object() || !j.contains(key) || j[key].is_null()) return "";
  const auto& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? p.tr("yes", "ja") : p.tr("no", "nee");
  if (v.is_number_integer()) return v.dump();  // seeds and counts of parameters: digits as stored
  if (v.is_number())
    return p.num(v.get<double>(), decimals < 0 ? (v.get<double>() == std::floor(v.get<double>()) ? 0 : 2) : decimals);
  return v.dump();
}

std::string param_row(const std::string& label, const std::string& value, const std::string& key) {
  return "<tr><td>" + html_escape(label) + "</td><td>" + html_escape(value) + "</td><td><code>" + html_escape(key) +
         "</code></td></tr>\n";
}

}  // namespace

std::string section_method(const Page& p) {
  const auto& d = p.d;
  const auto& spec = d.spec;
  std::string s = "<section id=\"method\" class=\"newpage\">\n<h2>" +
                  p.tr("Method and data sources", "Methode en databronnen") + "</h2>\n";
  if (spec.empty())
    s += absent_note(p.tr("This file has no run manifest: the method cannot be shown.",
                          "Dit bestand heeft geen verantwoording (run_manifest): de methode kan niet getoond worden."));

  s += "<h3>" + p.tr("Study", "Onderzoek") + "</h3>\n<table><tbody>\n";
  s += param_row(p.tr("Title", "Titel"), spec.value("title", ""), "title");
  s += param_row(p.tr("Coordinate system", "Coördinatenstelsel"), spec.value("crs", ""), "crs");
  for (const auto& q : d.periods)
    s += param_row(
        p.period(q),
        p.period_dates(q) + " (" +
            scalar(spec.value("periods", nlohmann::json::object()).value(q, nlohmann::json::object()), "days", p) +
            " " + p.tr("days", "dagen") + ")",
        "periods." + q);
  if (d.manifest.count("areas") && d.manifest.at("areas").is_object())
    s += param_row(
        p.tr("Areas (repaired geometries)", "Gebieden (herstelde geometrieën)"),
        scalar(d.manifest.at("areas"), "count", p) + " (" + scalar(d.manifest.at("areas"), "repaired", p) + ")",
        "areas");
  s += "</tbody></table>\n";

  s += "<h3>" + p.tr("Data sources", "Databronnen") + "</h3>\n";
  if (d.manifest.count("sources") && d.manifest.at("sources").is_array()) {
    s += "<table class=\"long\"><thead><tr><th>" + p.tr("Source", "Bron") + "</th><th>" + p.tr("File", "Bestand") +
         "</th><th class=\"n\">" + p.tr("Read", "Gelezen") + "</th><th class=\"n\">" +
         p.tr("Accepted", "Geaccepteerd") + "</th></tr></thead><tbody>\n";
    for (const auto& src : d.manifest.at("sources"))
      s += "<tr><td>" + html_escape(src.value("name", "")) + " (" + html_escape(src.value("kind", "")) +
           ")</td><td><code>" + html_escape(src.value("path", "")) + "</code><br><span class=\"hash\">SHA-256 " +
           html_escape(src.value("sha256", "")) + "</span></td><td class=\"n\">" + scalar(src, "read", p) +
           "</td><td class=\"n\">" + scalar(src, "accepted", p) + "</td></tr>\n";
    if (d.manifest.count("area_inputs") && d.manifest.at("area_inputs").is_array())
      for (const auto& a : d.manifest.at("area_inputs"))
        s += "<tr><td>" + p.tr("areas", "gebieden") + "</td><td><code>" + html_escape(a.value("path", "")) +
             "</code><br><span class=\"hash\">SHA-256 " + html_escape(a.value("sha256", "")) +
             "</span></td><td></td><td></td></tr>\n";
    s += "</tbody></table>\n";
  } else {
    s += absent_note(p.tr("No sources recorded.", "Geen bronnen vastgelegd."));
  }

  const auto& grid = spec.value("grid", nlohmann::json::object());
  const auto& hot = spec.value("hotspots", nlohmann::json::object());
  const auto& dens = spec.value("density", nlohmann::json::object());
  const auto& cmp = spec.value("compare", nlohmann::json::object());
  s += "<h3>" +
       p.tr("Parameters (as resolved and stored in run_manifest)", "Parameters (zoals vastgelegd in run_manifest)") +
       "</h3>\n<table><thead><tr><th>" + p.tr("Parameter", "Parameter") + "</th><th>" + p.tr("Value", "Waarde") +
       "</th><th>" + p.tr("Spec key", "Sleutel in de spec") + "</th></tr></thead><tbody>\n";
  s += param_row(p.tr("Grid cell shape", "Vorm van de rastercellen"), scalar(grid, "shape", p), "grid.shape");
  s += param_row(p.tr("Grid cell size (m)", "Celgrootte (m)"), scalar(grid, "cell_size", p), "grid.cell_size");
  s += param_row(p.tr("Hot spot distance band (m)", "Afstandsband hotspots (m)"), scalar(hot, "distance", p),
                 "hotspots.distance");
  s += param_row(p.tr("Spatial weights", "Ruimtelijke gewichten"), scalar(hot, "weights", p), "hotspots.weights");
  s += param_row(p.tr("Permutations (local Moran)", "Permutaties (lokale Moran)"), scalar(hot, "permutations", p),
                 "hotspots.permutations");
  s += param_row(p.tr("Random seed", "Startwaarde toevalsgenerator"), scalar(hot, "seed", p), "hotspots.seed");
  s += param_row(p.tr("False discovery rate correction", "Correctie voor meervoudig toetsen (FDR)"),
                 scalar(hot, "fdr", p), "hotspots.fdr");
  s += param_row(p.tr("Density kernel", "Kernfunctie dichtheid"), scalar(dens, "kernel", p), "density.kernel");
  s += param_row(p.tr("Density bandwidth (m)", "Bandbreedte dichtheid (m)"), scalar(dens, "bandwidth", p),
                 "density.bandwidth");
  s += param_row(p.tr("Density cell size (m)", "Celgrootte dichtheid (m)"), scalar(dens, "cell_size", p),
                 "density.cell_size");
  s += param_row(p.tr("Significance level", "Significantieniveau"), scalar(cmp, "alpha", p, 2), "compare.alpha");
  s += param_row(p.tr("Fewest incidents to test a change", "Minimum aantal incidenten voor een toets"),
                 scalar(cmp, "min_total", p), "compare.min_total");
  s += "</tbody></table>\n";

  s += "<h3>" + p.tr("Methods", "Methoden") + "</h3>\n";
  s += "<p><strong>Getis-Ord Gi*</strong> — " +
       p.tr(
           "hot spots as in ArcGIS Hot Spot Analysis: binary weights w<sub>ij</sub> = 1 for cells whose centres "
           "lie within the distance band (the cell itself included). With n cells, mean x̄ and standard "
           "deviation S:",
           "hotspots zoals in ArcGIS Hot Spot Analysis: binaire gewichten w<sub>ij</sub> = 1 voor cellen "
           "waarvan het middelpunt binnen de afstandsband ligt (de cel zelf meegerekend). Met n cellen, "
           "gemiddelde x̄ en standaardafwijking S:") +
       "</p>\n<p class=\"formula\">z<sub>i</sub> = (Σ<sub>j</sub> w<sub>ij</sub> x<sub>j</sub> − x̄ W<sub>i</sub>) / "
       "(S √((n S1<sub>i</sub> − W<sub>i</sub>²)/(n − 1))), W<sub>i</sub> = Σ<sub>j</sub> w<sub>ij</sub>, "
       "S1<sub>i</sub> = Σ<sub>j</sub> w<sub>ij</sub>²</p>\n<p>" +
       p.tr(
           "Cells are classed ±3, ±2, ±1 for p below 0.01, 0.05 and 0.10 (two-sided), thresholds corrected "
           "with Benjamini–Hochberg when FDR is on.",
           "Cellen krijgen klasse ±3, ±2, ±1 bij p kleiner dan 0,01, 0,05 en 0,10 (tweezijdig); met FDR "
           "worden de drempels gecorrigeerd volgens Benjamini–Hochberg.") +
       "</p>\n";
  s += "<p><strong>" + p.tr("Local Moran's I", "Lokale Moran's I") + "</strong> — " +
       p.tr("clusters (High-High, Low-Low) and outliers (High-Low, Low-High) after Anselin: ",
            "clusters (Hoog-Hoog, Laag-Laag) en uitschieters (Hoog-Laag, Laag-Hoog) volgens Anselin: ") +
       "I<sub>i</sub> = (z<sub>i</sub>/m<sub>2</sub>) Σ<sub>j</sub> w<sub>ij</sub> z<sub>j</sub>, " +
       p.tr(
           "row-standardised weights without the cell itself; pseudo p-value (M + 1)/(R + 1) from conditional "
           "permutations with a fixed seed.",
           "rij-gestandaardiseerde gewichten zonder de cel zelf; pseudo-p-waarde (M + 1)/(R + 1) uit "
           "conditionele permutaties met een vaste startwaarde.") +
       "</p>\n";
  s += "<p><strong>" + p.tr("Kernel density", "Kerndichtheid") + "</strong> — " +
       p.tr(
           "quartic kernel K(d) = 3/(π r²) (1 − d²/r²)² for d &lt; r; the surface integrates to the number of "
           "incidents and is shown per hectare per year. Default radius as ArcGIS: 0.9 · min(SD, √(1/ln 2) · "
           "D<sub>m</sub>) · n<sup>−0.2</sup>.",
           "quartic kern K(d) = 3/(π r²) (1 − d²/r²)² voor d &lt; r; het oppervlak integreert tot het aantal "
           "incidenten en wordt getoond per hectare per jaar. Standaardstraal zoals ArcGIS: 0,9 · min(SD, "
           "√(1/ln 2) · D<sub>m</sub>) · n<sup>−0,2</sup>.") +
       "</p>\n";
  s += "<p><strong>" + p.tr("Comparing two periods", "Twee perioden vergelijken") + "</strong> — " +
       p.tr(
           "rate ratio RR = (c<sub>1</sub>/t<sub>1</sub>)/(c<sub>0</sub>/t<sub>0</sub>); exact conditional test "
           "c<sub>1</sub> ~ Binomial(c<sub>0</sub> + c<sub>1</sub>, t<sub>1</sub>/(t<sub>0</sub> + t<sub>1</sub>)), "
           "two-sided; the interval of RR from the Clopper–Pearson interval; q-values by Benjamini–Hochberg "
           "over all rows.",
           "verhouding RR = (c<sub>1</sub>/t<sub>1</sub>)/(c<sub>0</sub>/t<sub>0</sub>); exacte conditionele toets "
           "c<sub>1</sub> ~ Binomiaal(c<sub>0</sub> + c<sub>1</sub>, t<sub>1</sub>/(t<sub>0</sub> + t<sub>1</sub>)), "
           "tweezijdig; het interval van RR uit het Clopper–Pearson-interval; q-waarden volgens "
           "Benjamini–Hochberg over alle rijen.") +
       "</p>\n";
  s += "<p><strong>" + p.tr("Trend over the months", "Trend over de maanden") + "</strong> — " +
       p.tr(
           "the Mann–Kendall test asks whether an area's incidents per whole calendar month of the follow-up "
           "(at least 12 months) rise or fall steadily: S = Σ<sub>i&lt;j</sub> sgn(x<sub>j</sub> − "
           "x<sub>i</sub>) counts the later months above an earlier one minus those below it, z = sgn(S)(|S| − "
           "1)/√Var(S) with the variance corrected for tied months, p = 2(1 − Φ(|z|)); the trend is increasing or "
           "decreasing when p &lt; 0.05, else no trend. It looks at the course within the follow-up, not at the "
           "difference between the periods, and is not corrected for multiple comparisons.",
           "de Mann–Kendall-toets gaat na of de incidenten van een gebied per hele kalendermaand van de "
           "vervolgmeting (minstens 12 maanden) gestaag stijgen of dalen: S = Σ<sub>i&lt;j</sub> "
           "sgn(x<sub>j</sub> − x<sub>i</sub>) telt de latere maanden boven een eerdere min die eronder, z = "
           "sgn(S)(|S| − 1)/√Var(S) met de variantie gecorrigeerd voor gelijke maanden, p = 2(1 − Φ(|z|)); de "
           "trend is stijgend of dalend bij p &lt; 0,05, anders geen trend. De toets kijkt naar het verloop binnen "
           "de vervolgmeting, niet naar het verschil tussen de perioden, en is niet gecorrigeerd voor meervoudig "
           "toetsen.") +
       "</p>\n";
  s += "<p><strong>" + p.tr("Survey indicators", "Enquête-indicatoren") + "</strong> — " +
       p.tr("weighted proportions with effective n = (Σw)²/Σw² and the Wilson interval.",
            "gewogen aandelen met effectieve n = (Σw)²/Σw² en het Wilson-interval.") +
       "</p>\n";
  s += "<p><strong>" + p.tr("Time of day", "Tijdstip") + "</strong> — " +
       p.tr("aoristic weights: each incident's weight of 1 is spread over the hours its time window covers.",
            "aoristische gewichten: het gewicht 1 van elk incident wordt verdeeld over de uren van zijn tijdvak.") +
       "</p>\n";

  s += "<h3>" + p.tr("References", "Literatuur") +
       "</h3>\n<ul class=\"refs\">\n"
       "<li>Getis, A. &amp; Ord, J.K. (1992). The analysis of spatial association by use of distance statistics. "
       "<em>Geographical Analysis</em> 24(3), 189–206.</li>\n"
       "<li>Ord, J.K. &amp; Getis, A. (1995). Local spatial autocorrelation statistics: distributional issues and an "
       "application. <em>Geographical Analysis</em> 27(4), 286–306.</li>\n"
       "<li>Anselin, L. (1995). Local indicators of spatial association — LISA. <em>Geographical Analysis</em> 27(2), "
       "93–115.</li>\n"
       "<li>Silverman, B.W. (1986). <em>Density Estimation for Statistics and Data Analysis</em>. Chapman &amp; "
       "Hall.</li>\n"
       "<li>Benjamini, Y. &amp; Hochberg, Y. (1995). Controlling the false discovery rate. <em>Journal of the Royal "
       "Statistical Society B</em> 57(1), 289–300.</li>\n"
       "<li>Clopper, C.J. &amp; Pearson, E.S. (1934). The use of confidence or fiducial limits illustrated in the case "
       "of the binomial. <em>Biometrika</em> 26(4), 404–413.</li>\n"
       "<li>Mann, H.B. (1945). Nonparametric tests against trend. <em>Econometrica</em> 13, 245–259.</li>\n"
       "<li>Kendall, M.G. (1975). <em>Rank Correlation Methods</em>, 4th ed. Griffin.</li>\n"
       "<li>Wilson, E.B. (1927). Probable inference, the law of succession, and statistical inference. <em>Journal "
       "of the American Statistical Association</em> 22, 209–212.</li>\n"
       "<li>Kish, L. (1965). <em>Survey Sampling</em>. Wiley.</li>\n"
       "<li>Ratcliffe, J.H. (2002). Aoristic signatures and the spatio-temporal analysis of high volume crime "
       "patterns. <em>Journal of Quantitative Criminology</em> 18(1), 23–43.</li>\n"
       "<li>Esri. How Hot Spot Analysis (Getis-Ord Gi*) works; How Kernel Density works. ArcGIS Pro "
       "documentation.</li>\n</ul>\n";

  s += "<h3>" + p.tr("Software and reproducibility", "Software en herhaalbaarheid") + "</h3>\n<table><tbody>\n";
  auto manifest_text = [&](const char* key) {
    if (!d.manifest.count(key)) return std::string();
    const auto& v = d.manifest.at(key);
    return v.is_string() ? v.get<std::string>() : v.dump();
  };
  s += param_row("kvo", manifest_text("kvo_version"), "kvo_version");
  if (d.manifest.count("libraries") && d.manifest.at("libraries").is_object()) {
    std::string libs;
    for (const auto& [name, version] : d.manifest.at("libraries").items())
      libs +=
          (libs.empty() ? "" : ", ") + name + " " + (version.is_string() ? version.get<std::string>() : version.dump());
    s += param_row(p.tr("Libraries", "Bibliotheken"), libs, "libraries");
  }
  s += param_row(p.tr("Analysis made", "Analyse gemaakt"), p.timestamp(manifest_text("created")), "created");
  s += "<tr><td>" + p.tr("Spec hash", "Hash van de spec") + "</td><td class=\"hash\">" +
       html_escape(manifest_text("spec_sha256")) + "</td><td><code>spec_sha256</code></td></tr>\n";
  s += "</tbody></table>\n<p>" +
       p.tr(
           "The resolved spec in run_manifest repeats this analysis exactly; a follow-up run with --baseline "
           "checks that it uses the same method.",
           "Met de vastgelegde spec in run_manifest is deze analyse exact te herhalen; een vervolgmeting met "
           "--baseline controleert dat dezelfde methode wordt gebruikt.") +
       "</p>\n";
  if (d.manifest.count("warnings") && d.manifest.at("warnings").is_array() && !d.manifest.at("warnings").empty()) {
    s += "<h3>" + p.tr("Warnings", "Waarschuwingen") + "</h3>\n<ul>\n";
    for (const auto& w : d.manifest.at("warnings"))
      s += "<li class=\"warn\">" + html_escape(w.is_string() ? w.get<std::string>() : w.dump()) + "</li>\n";
    s += "</ul>\n";
  }
  return s + "</section>\n";
}

std::string section_layers(const Page& p) {
  const auto& d = p.d;
  std::string s = "<section id=\"layers\">\n<h2>" + p.tr("Contents of the GeoPackage", "Inhoud van de GeoPackage") +
                  "</h2>\n<p>" +
                  p.tr(
                      "Open the file in QGIS with Project ▸ Open From ▸ GeoPackage (project “kvo”) to see every "
                      "layer styled.",
                      "Open het bestand in QGIS via Project ▸ Openen vanuit ▸ GeoPackage (project “kvo”) om elke "
                      "laag opgemaakt te zien.") +
                  "</p>\n<table><thead><tr><th>" + p.tr("Layer", "Laag") + "</th><th class=\"n\">" +
                  p.tr("Rows or cells", "Rijen of cellen") + "</th></tr></thead><tbody>\n";
  for (const auto& [name, rows] : d.layers)
    s += "<tr><td><code>" + html_escape(name) + "</code></td><td class=\"n\">" + p.num(static_cast<double>(rows), 0) +
         "</td></tr>\n";
  return s + "</tbody></table>\n</section>\n";
}

}  // namespace kvo::io::report
