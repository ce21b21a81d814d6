"""A small corpus written for the store tests (sentences of our own, not the seeds'): one attack told
by three outlets with different figures, an undated report, a claim, a quote, an alias and a
relation, in Dutch and English. File names mix case, punctuation and accents, so a database that
sorts by locale instead of bytewise gives them in another order."""
from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "Gao-aanval.txt": (
        "date 2024-02-10 Aanslag op markt in Gao\n\n"
        "Bij een aanslag op de veemarkt van Gao in Mali kwamen gisteren 14 mensen om het leven en raakten 22 "
        "mensen gewond. De aanslag werd opgeëist door JNIM, ook bekend als Jama'at Nusrat al-Islam wal-Muslimin. "
        "Volgens de VN had JNIM in 2023 zo'n 6000 strijders. \"Wij blijven de markten beschermen\", zei "
        "woordvoerder Moussa Keita van het leger."),
    "gao_markt.txt": (
        "date 2024-02-10 Zware aanslag in Gao\n\n"
        "Een aanslag op de veemarkt van Gao heeft gisteren zeker 19 doden geëist. JNIM eiste de aanslag op. "
        "Moussa Keita van het leger sprak van een laffe daad. JNIM is een bondgenoot van Ansar Dine."),
    "GAO_EN.txt": (
        "date 2024-02-11 Market bombing in Gao\n\n"
        "A bombing at the cattle market in Gao, Mali, killed 17 people on Friday, officials said. "
        "JNIM claimed responsibility for the attack. Army spokesman Moussa Keita said patrols had been "
        "stepped up around the market."),
    "_menaka.txt": (
        "Ontvoering bij Ménaka\n\n"
        "Gewapende mannen hebben bij Ménaka drie hulpverleners ontvoerd. Niemand eiste de ontvoering op. "
        "Een medewerker van de VN zei dat de hulp in de regio wordt stilgelegd."),
    "Ärztin-mopti.txt": (
        "date 2024-03-02 Doctor killed near Mopti\n\n"
        "A doctor was shot dead near Mopti in central Mali on Saturday. The Islamic State Sahel Province "
        "denied any role in the killing. The group is a rival of JNIM, according to analysts."),
    "zz-bamako.txt": (
        "date 2024-03-05 Vergadering in Bamako\n\n"
        "In Bamako kwamen ministers uit Mali, Niger en Burkina Faso bijeen over de veiligheid in de Sahel. "
        "Minister Abdoulaye Diop zei dat JNIM de grootste dreiging blijft."),
}


def write_corpus(folder: Path) -> Path:
    """The articles as text files in `folder` (made if need be); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
