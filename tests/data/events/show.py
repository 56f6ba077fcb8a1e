"""Print an article by sentence with offsets, and the words a keyword coder would fire on (labelling aid)."""
import os
import re
import sys

import common_io as c

STEMS = r"""attack assault kill killing murder fight fought battl clash strik struck bomb shoot shot shell
fire fired gunfire wound injur stab beat beaten execut massacr invad invasion raid seiz captur abduct kidnap hostage hijack
meet meeting met talks talk visit host summit negotiat discuss consult call phone
agree agreement deal sign pledg promis offer invit accept
support back endorse prais commend welcom congratulat thank defend approv ratif recogni
help aid assist suppl send sent deliver donat fund grant provid loan rescu
cooperat collaborat partner join alliance
withdr pull retreat releas freed free resign quit step ceasefire truce surrender disarm concede concession yield apolog pardon lift eas
request ask demand urg appeal pleaded petition insist call
accus blam critic condemn denounc slam attack charg alleg sue sued lawsuit investig probe indict convict sentenc
deni deny reject refus veto oppos dismiss rebuff
threat warn ultimatum
protest march rally ralli demonstrat boycott riot strike sit-in picket
sanction embargo ban banned suspend expel expuls cut sever boycott fine fined punish
deploy mobiliz troops mass patrol alert
arrest detain detention jail imprison custody deport censor curfew confiscat prosecut
block blockad restrict order ordered""".split()
PAT = re.compile(r"\b(" + "|".join(sorted(set(STEMS), key=len, reverse=True)) + r")(?!ity|ral|hod|ite|k\b|ks\b)[\w'-]*", re.I)
MONTHS = re.compile(r"\b(March|May)\b")


def main(corpus: str, article: str) -> None:
    texts = c.load_texts(sys.argv[3] if len(sys.argv) > 3 else c.data_dir(os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../.."))))
    text = texts[(corpus, article)]
    print(f"== {corpus} {article} words={len(text.split())}")
    for s, e in c.sentences(text):
        sent = text[s:e]
        hits = [f"{s + m.start()}:{m.group(0)}" for m in list(PAT.finditer(sent)) + list(MONTHS.finditer(sent))]
        print(f"[{s}] {sent}")
        if hits:
            print("    >> " + "  ".join(hits))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
