"""Regenerate the demo's DOCX and PDF sources (our own fictional texts).

Run `python -m resources.demo.make_demo_sources`; needs the test extras (reportlab).
The generated files are committed so the app needs neither tool to open the demo.
"""

from __future__ import annotations

from pathlib import Path

SOURCES = Path(__file__).with_name("sources")

CIRCLE = [
    ("Circle groups for mothers: report to funders, year two", "title"),
    ("About the programme", "heading"),
    ("Circle runs weekly groups in community centres, led by two paid peer facilitators who "
     "have recovered from perinatal depression. Mothers can bring their babies. In year two "
     "eleven groups ran in three cities.", "body"),
    ("What mothers told us", "heading"),
    ("Most mothers said that meeting others in the same situation showed them they were not "
     "the only ones. Many left feeling more hopeful about getting better. Friendships formed "
     "in the groups often continued outside them.", "body"),
    ("What did not work", "heading"),
    ("In the largest group, with up to twenty mothers and no set structure, quieter mothers "
     "said they compared themselves with others who seemed to cope better, and some stopped "
     "coming. Facilitators now split groups above ten mothers.", "body"),
]

KINSHIP = [
    "Kinship: a qualitative study of paid peer support in two maternity services",
    "Abstract. We interviewed 24 mothers who received one-to-one support from paid peer "
    "workers employed by two hospital maternity services. Peer workers met mothers in clinic "
    "and at home for six to sixteen weeks.",
    "Results. Mothers said they felt understood without having to explain, which they "
    "contrasted with appointments with professionals. Over time many described becoming "
    "more confident in handling their babies, and several credited the length of the "
    "relationship: trust took weeks to build.",
    "Some mothers were worried that a peer worker employed by the hospital would report "
    "them to social services. These mothers delayed accepting support until the peer worker "
    "explained her role.",
    "Discussion. Being paid gave peer workers time and training, but for some mothers it "
    "made them seem part of the system they feared.",
]


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = CIRCLE[0][0]
    document.core_properties.author = "Circle Mothers' Network"
    for text, kind in CIRCLE:
        if kind == "title":
            document.add_heading(text, level=0)
        elif kind == "heading":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    document.save(str(path))


def make_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = [Paragraph(KINSHIP[0], styles["Title"])]
    for index, text in enumerate(KINSHIP[1:]):
        if index == 2:
            story.append(PageBreak())
        story.append(Paragraph(text, styles["BodyText"]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=KINSHIP[0], author="A. Researcher",
                            invariant=1)
    doc.build(story)


def main() -> None:
    make_docx(SOURCES / "03_Circle_groups_report.docx")
    make_pdf(SOURCES / "04_Kinship_study.pdf")


if __name__ == "__main__":
    main()
