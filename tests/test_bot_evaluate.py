"""Evaluation: answer matching rules, regression floors on the question sets, and abstentions that are true."""
import re

import pytest

from bot import Bot
from bot.read.abstain import equivalents
from bot.evaluate import contains, evaluate_bot, is_correct, load_questions, normalise, summarise
from bot_corpus import CORPORA, built_store
from conftest import DATA, DEV_QUESTIONS as QUESTIONS, need
from ingest.pipeline import ingest
from ingest.settings import Settings
from ingest.terms import keys, text_keys, words

# Floors a little below what the reader reached when they were set (each set over the seeds, the development corpus
# and its own releases). "declined" counts the closest-passages tier as not answering (see bot/evaluate.py).
# Figures correct/gold cited/precision/declined when unanswerable/false abstentions, reader of 2026-12-02 (fifth
# session: gradient-boosted trees learned on dev and A-L, and rules changed on the failures of G-P, so these are
# tuning figures except for Q and R):
#   dev 0.98/1.0/0.88/0.8/0.0
#   A 0.83/1.0/0.87/1.0/0.0     B 0.69/1.0/0.88/1.0/0.0     C 0.93/1.0/0.94/1.0/0.0
#   D 0.80/0.95/0.82/1.0/0.0    E 0.73/0.97/0.83/0.8/0.0    F 0.81/0.97/0.90/0.8/0.02
#   G 0.76/0.95/0.79/1.0/0.0    H 0.73/0.93/0.81/0.8/0.02   I 0.76/0.95/0.88/1.0/0.02   J 0.78/0.93/0.85/1.0/0.03
#   K 0.80/0.93/0.86/0.8/0.05   L 0.75/0.93/0.79/0.8/0.0    M 0.73/0.93/0.81/0.6/0.0    N 0.85/1.0/0.81/1.0/0.0
#   O 0.78/0.93/0.81/0.8/0.03   P 0.76/0.92/0.81/0.8/0.02
#   untouched Q and R, written in that session without sight of the code, evaluated once after its last reader change
#   (the fourth session's reader on them: Q 0.71/0.90/0.81/1.0/0.02, R 0.80/0.97/0.79/1.0/0.02):
#   Q 0.73/0.92/0.79/1.0/0.02   R 0.81/0.97/0.80/1.0/0.02
# untouched S and T, written in the sixth session of 2026-12-02 without sight of the code, evaluated once after its
# last reader change (S 0.80/0.90/0.74/0.8/0.02, T 0.80/0.93/0.77/0.8/0.02; the fifth session's reader: S
# 0.80/0.90/0.75/0.8/0.02, T 0.76/0.92/0.76/0.8/0.03); then the glossary's red/cross (a "Red Cross" abstention that
# was untrue, on S) gave S 0.81/0.92/0.74/0.8/0.0
# untouched U and V, written in the first session of 2026-12-03 without sight of the code, evaluated once in the
# middle of it, at commit fb6a37f (U 0.88/0.98/0.81/1.0/0.0, V 0.81/0.97/0.87/0.6/0.0; the sixth session's reader of
# 2026-12-02 gave the same figures); the reader changed after that, on their failures among others
# untouched W and X, written in the first session of 2026-12-03 without sight of the code, evaluated once after its
# last reader change (W 0.86/0.97/0.86/1.0/0.0, X 0.66/0.90/0.73/1.0/0.02; the sixth session's reader of 2026-12-02:
# W 0.86/0.97/0.86/1.0/0.0, X 0.64/0.90/0.72/1.0/0.02)
# untouched Y and Z, written in the second session of 2026-12-03 without sight of the code, evaluated once after its
# last reader change (Y 0.81/0.97/0.79/0.8/0.0, Z 0.71/0.92/0.75/0.8/0.02; the first session's reader of 2026-12-03:
# Y 0.81/0.97/0.78/0.8/0.0, Z 0.69/0.92/0.76/0.8/0.02)
# untouched AA and AB, written in the third session of 2026-12-03 without sight of the code, evaluated once after its
# last reader change (AA 0.90/0.98/0.84/1.0/0.02, AB 0.85/0.97/0.84/0.8/0.0; the second session's reader of
# 2026-12-03 gave the same figures but AB's precision, 0.85)
# untouched AC and AD, written in the fourth session of 2026-12-03 without sight of the code, evaluated once with the
# reader that session started with (AC 0.68/0.88/0.74/1.0/0.02, AD 0.73/0.93/0.75/0.8/0.0); AE and AF, written in the
# same session, evaluated once after its last reader change (AE 0.68/0.88/0.82/1.0/0.02, AF 0.78/0.93/0.78/0.6/0.0;
# the reader it started with gave the same answers)
# untouched AG and AH, written in the fifth session of 2026-12-03 without sight of the code, evaluated once after its
# last change (AG 0.58/0.88/0.78/0.8/0.03, AH 0.71/0.93/0.77/1.0/0.03; the reader it started with: AG
# 0.61/0.92/0.80/0.8/0.03, AH 0.75/0.93/0.78/1.0/0.03)
# untouched AI and AJ, written in the sixth session of 2026-12-03 without sight of the code, evaluated once after its
# last change (AI 0.80/0.97/0.85/1.0/0.0, AJ 0.66/0.92/0.81/0.8/0.02; the code it started with: AI
# 0.76/0.93/0.84/1.0/0.05, AJ 0.66/0.93/0.81/0.8/0.02)
# untouched AK and AL, written in the seventh session of 2026-12-03 without sight of the code, evaluated once after its
# last change (AK 0.75/0.93/0.81/0.8/0.0, AL 0.69/0.95/0.77/0.8/0.0; the code it started with: AK
# 0.75/0.93/0.81/0.8/0.0, AL 0.68/0.93/0.75/0.8/0.0)
# untouched AM, AN, AO and AP, written in the session of 2026-12-04 without sight of the code, evaluated once with its
# last reader (AM 0.85/0.95/0.81/0.8/0.0, AN 0.71/0.97/0.82/0.8/0.02, AO 0.81/0.95/0.75/0.8/0.0, AP
# 0.76/0.93/0.81/0.6/0.0; the code it started with: AM 0.83/0.95/0.81/0.8/0.0, AN 0.69/0.97/0.82/0.8/0.02, AO
# 0.78/0.92/0.76/0.8/0.02, AP 0.73/0.93/0.80/0.6/0.0); tuning sets from the next session on
# untouched AQ and AR, written in the second session of 2026-12-04 without sight of the code, evaluated once in the
# middle of it, at commit 6676ca8 (AQ 0.80/0.97/0.79/0.8/0.02, AR 0.78/0.93/0.76/1.0/0.02; the code it started with
# gave the same correctness, AQ 0.80/0.97/0.80/0.8/0.02, AR 0.78/0.93/0.77/1.0/0.02); the reader changed after that
# untouched AS and AT, written in the same session without sight of the code, evaluated once with its last reader
# (AS 0.80/0.92/0.85/1.0/0.03, AT 0.75/0.92/0.79/0.8/0.03; the code it started with gave the same correctness, AS
# 0.80/0.92/0.85/1.0/0.03, AT 0.75/0.92/0.79/0.8/0.03)
# untouched AY and AZ, written in the fourth session of 2026-12-04 without sight of the code, evaluated once in the
# middle of it, at commit ef3b56e (AY 0.75/0.95/0.74/1.0/0.0, AZ 0.80/0.98/0.78/1.0/0.0; the code it started with gave
# the same correctness, AY 0.75/0.95/0.75/1.0/0.0, AZ 0.80/0.97/0.78/1.0/0.0); the reader changed after that
# untouched BA and BB, written in the same session without sight of the code, evaluated once with its last reader
# at commit cbb3d5e (BA 0.81/0.97/0.75/1.0/0.0, BB 0.78/0.95/0.79/1.0/0.02; the code it started with: BA
# 0.78/0.95/0.75/1.0/0.0, BB 0.76/0.95/0.78/1.0/0.02)
# untouched BC and BD, written in the fifth session of 2026-12-04 without sight of the code, evaluated once in the
# middle of it, at commit f8d04bf (BC 0.80/0.90/0.73/1.0/0.02, BD 0.86/0.95/0.71/0.6/0.02; the code it started with: BC
# 0.80/0.90/0.73/1.0/0.02, BD 0.85/0.95/0.70/0.6/0.02); the reader changed after that
# untouched BE and BF, written in the same session without sight of the code, evaluated once at commit fd23742
# (BE 0.73/0.97/0.84/0.6/0.0, BF 0.76/0.97/0.83/1.0/0.0; the code it started with: BE 0.73/0.95/0.85/0.6/0.02, BF
# 0.76/0.97/0.83/1.0/0.0); the reader changed after that
# untouched BG and BH, written in the same session without sight of the code, evaluated once with its last reader
# (BG 0.85/0.98/0.83/1.0/0.0, BH 0.73/0.90/0.71/1.0/0.0; the code it started with: BG 0.85/0.98/0.83/1.0/0.0, BH
# 0.73/0.90/0.72/1.0/0.0)
# untouched BI and BJ, written in the sixth session of 2026-12-04 without sight of the code, evaluated once in the
# middle of it, at commit ec9c5f0 (BI 0.71/0.92/0.74/1.0/0.02, BJ 0.70/0.90/0.70/1.0/0.02, as with the code it started
# with); the reader changed after that
# untouched BK and BL, written in the same session without sight of the code, evaluated once at commit cd6959c
# (BK 0.93/1.0/0.80/1.0/0.0, BL 0.78/0.93/0.82/1.0/0.03; the code it started with: BK 0.86/0.98/0.81/1.0/0.0, BL
# 0.76/0.92/0.81/1.0/0.03); the reader changed after that (the bold figure of a question of cost)
# untouched BM and BN, written in the same session without sight of the code, evaluated once with its last reader
# (BM 0.93/0.98/0.80/1.0/0.02, BN 0.86/0.97/0.77/1.0/0.0; the code it started with: BM 0.92/0.98/0.80/1.0/0.02, BN
# 0.85/0.97/0.77/1.0/0.0)
# untouched BO and BP, written in the next session without sight of the code, evaluated once with its reader, which
# it did not change (BO 0.66/0.97/0.76/1.0/0.0, BP 0.78/0.98/0.80/1.0/0.0)
# untouched BQ and BR, written in the same session without sight of the code, evaluated once at 38fc712, with the
# reader it started with (BQ 0.90/0.98/0.81/1.0/0.0, BR 0.71/0.92/0.71/0.8/0.0); the reader changed after that
# untouched BS and BT, written in the same session without sight of the code, evaluated once at its end with its last
# reader (BS 0.86/0.97/0.85/1.0/0.0, BT 0.80/0.97/0.86/0.8/0.02; the code it started with answered them the same)
# untouched BU and BV, written in the next session without sight of the code, evaluated once at its end with its last
# reader (BU 0.85/0.97/0.77/1.0/0.0, BV 0.85/0.97/0.76/0.8/0.0; the code it started with: BU 0.83, BV the same)
# untouched BW and BX, written in the next session without sight of the code, evaluated once at its end with its last
# reader (BW 0.78/0.95/0.78/0.6/0.0, BX 0.75/0.95/0.73/0.8/0.03; the code it started with answered them the same)
# untouched BY and BZ, written in the next session without sight of the code, evaluated once at its end with its last
# reader (BY 0.85/0.97/0.80/1.0/0.0, BZ 0.68/0.90/0.72/0.8/0.03; the code it started with: the same correct answers,
# citation precision 0.76 and 0.69)
# untouched CA and CB, written in the next session without sight of the code, evaluated once at its end with its last
# reader (CA 0.83/0.86/0.74/0.8/0.0, CB 0.86/0.93/0.81/1.0/0.02; the code it started with gave the same figures)
# untouched CC and CD, written in the next session without sight of the code, evaluated once in it with its reader
# of the time, 8c24d50 (CC 0.80/0.90/0.70/1.0/0.02, CD 0.83/0.97/0.80/0.6/0.0; the code it started with gave the same
# figures); that session then changed the reader and wrote CE and CF for its final evaluation, with its last reader
# (CE 0.73/0.88/0.78/1.0/0.02, CF 0.64/0.78/0.62/1.0/0.05; the code it started with: the same correct answers)
# untouched CG and CH, written in the next session without sight of the code, evaluated once at its end with its last
# reader (CG 0.73/0.86/0.66/1.0/0.05, CH 0.73/0.90/0.77/1.0/0.02; the code it started with: the same correct answers,
# citation precision 0.67 and 0.78)
# untouched CI and CJ, written in the next session without sight of the code, evaluated once at its end with its last
# reader (CI 0.88/0.93/0.71/1.0/0.0, CJ 0.81/0.88/0.76/1.0/0.0; the code it started with: CI 0.88/0.95/0.71/1.0/0.0,
# CJ 0.78/0.86/0.77/1.0/0.02); CK and CL, written in the same session without sight of the code, evaluated once at
# its end with the same reader (CK 0.78/0.90/0.71/1.0/0.02, CL 0.78/0.92/0.69/1.0/0.0; the code it started with: CK
# 0.78/0.90/0.73/1.0/0.02, CL 0.73/0.92/0.69/1.0/0.0)
# untouched CM and CN, written in the session before without sight of the code, evaluated once at the end of the next
# with its last reader (CM 0.76/0.88/0.75/1.0/0.0, CN 0.88/0.95/0.80/0.8/0.0; the code it started with: CM
# 0.76/0.88/0.75/1.0/0.0, CN 0.90/0.97/0.78/0.8/0.0)
# untouched CO and CP, written in the session before without sight of the code, evaluated once at the end of the next
# with its last reader (CO 0.75/0.83/0.65/0.8/0.0, CP 0.88/0.93/0.75/1.0/0.0; the code it started with: the same
# correct answers, CP's citation precision 0.76)
# untouched CQ and CR, written in the session before without sight of the code, evaluated once at the end of the next
# with its last reader (CQ 0.78/0.90/0.74/1.0/0.0, CR 0.76/0.86/0.71/1.0/0.03; the code it started with: CQ 0.76,
# CR the same correct answers)
# untouched CS and CT, written in the session before without sight of the code, evaluated once at the end of the next
# with its last reader (CS 0.80/0.90/0.70/1.0/0.0, CT 0.88/0.95/0.73/1.0/0.0; the code it started with: CS 0.78,
# CT 0.85/0.93/0.72)
# untouched CU and CV, written in this session without sight of the code, evaluated once in it with its last
# reader (CU 0.78/0.92/0.77/1.0/0.0, CV 0.85/0.95/0.73/0.8/0.0; the code it started with: CU 0.76/0.90/0.77, CV the
# same answers); CW and CX, written in the same session without sight of the code after CU and CV were evaluated,
# evaluated once at its end with the same reader (CW 0.85/0.98/0.80/0.8/0.0, CX 0.78/0.93/0.83/1.0/0.02; the code it
# started with: CW the same answers, CX 0.76/0.92/0.83)
# untouched CY and CZ, written in the fifth session of 2026-12-06 without sight of the code, evaluated once at its end
# with its last reader, whose answers are those of the code it started with (CY 0.85/0.97/0.80/1.0/0.0, CZ
# 0.86/0.98/0.80/0.8/0.0); DA and DB, written in the same session without sight of the code after CY and CZ were
# evaluated, evaluated once at its end with the same reader (DA 0.83/0.95/0.82/0.8/0.0, DB 0.86/1.0/0.81/1.0/0.0)
# untouched DC and DD, written in the sixth session of 2026-12-06 without sight of the code, evaluated once at its
# end with its last reader, the blended model (DC 0.92/0.97/0.76/1.0/0.0, DD 0.88/0.97/0.80/0.8/0.02; the code it
# started with: DC 0.81/0.97/0.75/1.0/0.03, DD 0.86/0.97/0.73/0.8/0.02)
# DE and DF, written in the same session without sight of the code after DC and DD were evaluated, evaluated once at
# its end with its last reader (DE 0.68/0.85/0.73/0.8/0.02, DF 0.81/0.97/0.76/1.0/0.02; the code it started with: DE
# 0.68/0.83/0.72/0.8/0.02, DF 0.83/0.97/0.79/1.0/0.0); DC and DD, read again with that reader for their floors, gave
# the same correct shares
# untouched DG and DH, written in the seventh session of 2026-12-06 without sight of the code, evaluated once at its
# end with its last reader, whose answers are those of the code it started with (DG 0.83/0.95/0.77/1.0/0.0, DH
# 0.88/0.98/0.79/0.8/0.0)
# untouched DI and DJ, written in the first session of 2026-12-07 without sight of the code, evaluated once at its end
# with its last reader, the glossary of schema 21 (DI 0.80/0.92/0.74/1.0/0.0, DJ 0.85/0.98/0.81/1.0/0.0; the code it
# started with: DI 0.83/0.92/0.73/1.0/0.0, DJ 0.81/0.98/0.79/1.0/0.0)
# untouched DK and DL, written in the second session of 2026-12-07 without sight of the code, evaluated once, before
# that session changed any code, with the reader it started and ended with (DK 0.88/0.98/0.79/0.8/0.0, DL
# 0.85/0.97/0.83/1.0/0.0)
# untouched DM and DN, written in the third session of 2026-12-07 without sight of the code, evaluated once with the
# reader that session started with (34f6e60) and once after its first reader change (6b4fc32), with the same figures
# (DM 0.88/0.95/0.74/1.0/0.0, DN 0.80/0.93/0.75/1.0/0.0); its last reader gives the same answers
# untouched DO and DP, written in the same session without sight of the code, after DM and DN were evaluated, and
# evaluated once with its last reader, 076d408 (DO 0.80/0.98/0.79/1.0/0.0, DP 0.85/0.97/0.77/1.0/0.0; the code it
# started with: DO the same, DP 0.83/0.97/0.77/1.0/0.0); the failures of DM to DP were read in the fourth session of
# 2026-12-07, while looking for kinds of question the reader missed: tuning sets since
# untouched DQ and DR, written in that fourth session without sight of the code, evaluated once with the code it started
# with (4263bb3: DQ 0.92/0.97/0.76/1.0/0.02, DR 0.83/0.90/0.82/0.8/0.03) and once after its first reader change
# (a295cc4: DQ 0.92/0.97/0.77/1.0/0.02, DR 0.85/0.92/0.82/0.8/0.03); its last reader (7a3f3f5) gives the same answers
# untouched DS and DT, written in the same session without sight of the code, after DQ and DR were evaluated, and
# evaluated once with the code it started with and once with its last reader, 7a3f3f5, with the same answers (DS
# 0.78/0.95/0.81/0.8/0.0, DT 0.83/0.97/0.77/1.0/0.0); the failures of DQ to DT were read in the fifth session of
# 2026-12-07, while looking for kinds of question the reader missed: tuning sets since
# untouched DU and DV, written in that fifth session without sight of the code, evaluated once with the code it started
# with (7849713) and once after its first three reader changes (57e6f78), with the same answers (DU
# 0.86/0.95/0.78/1.0/0.0, DV 0.95/0.98/0.83/1.0/0.0)
# untouched DW and DX, written in the same session without sight of the code, after DU and DV were evaluated, and
# evaluated once with the code it started with (7849713) and once with its last reader (a40560a), with the same
# answers (DW 0.93/0.95/0.78/0.8/0.0, DX 0.85/0.98/0.78/1.0/0.02); the failures of DU to DX were read in the sixth
# session of 2026-12-07, while looking for kinds of question the reader missed: tuning sets since
# untouched DY and DZ, written in that session without sight of the code, evaluated once with the code it started with
# (10bfdc1) and once with its last reader (6973c4c), with the same correct answers (DY 0.88/0.98/0.79/1.0/0.0, DZ
# 0.88/0.98/0.82/0.8/0.0; DZ's precision was 0.83 with the start code: one closest-passages answer cites one more
# release); the failures of DY and DZ were read in the seventh session of 2026-12-07: tuning sets since
# untouched EA and EB, written in that session without sight of the code, evaluated once with the code it started with
# (98387f6) and once with its last reader (6468afc), with the same answers (EA 0.90/0.97/0.80/1.0/0.0, EB
# 0.83/0.90/0.74/1.0/0.0)
# untouched EC and ED, written in the session of 2026-12-08 without sight of the code, evaluated once with the code it
# started with (4fa8d0d: EC 0.81/0.90/0.77/1.0/0.02, ED 0.80/0.95/0.70/0.8/0.0) and once with its last reader and the
# stores of schema 22 (EC 0.81/0.90/0.76/1.0/0.02, ED 0.81/0.97/0.70/0.8/0.0)
# N's citation precision floor went from 0.77 to 0.76 when the closest passages began to show one more quote of their
# own releases that gives the kind asked (0.770 -> 0.765 over all questions, from its unanswerable questions' closest
# passages; over answerable ones it stayed at 0.83, and the tuning sets gained 38 correct answers)
# L's went from 0.74 to 0.73 when the closest tier's bar went from 0.0574 to 0.04 (one of its unanswerable questions
# now gets the closest passages instead of the abstention: 0.743 -> 0.734 over all questions; the tuning sets had 18
# fewer false abstentions and 24 more correct answers)
# and from 0.73 to 0.72 when a list's lines picked one by one gave way to their whole list (0.730 -> 0.722, pooled
# over all citations: one list answer cites its gold release 3 times for whole lists instead of 9 times for lines;
# the tuning sets gained 6 correct list answers and lost none)
# F's went from 0.84 to 0.82 when the reader's model became the blend of the model learned on dev to L with one
# learned on all 103 sets (0.842 -> 0.825 over all questions: one comparison lost its second side to another
# release, and three closest answers quote other releases more; its correct share stayed at 0.86; the tuning sets
# gained 94 correct answers, 25 of M-CX's read with models that had not learned them)
# E's went from 0.80 to 0.79 when a list shown whole stopped keeping out other releases' lists at the same character
# offsets of their own texts (0.800 -> 0.797: one list question's closest passages now also show an earlier release's
# list of the partner communes, not its gold release; no correct answer changed on the tuning sets)
FLOORS = {"correct": 0.85, "gold_citation_rate": 0.95, "citation_precision": 0.85, "declined_when_unanswerable": 0.6}
MAX_FALSE_ABSTENTIONS = 0.05
SETS = {"heldout/A": (0.78, 0.95, 0.8, 0.75, 0.05), "heldout/B": (0.6, 0.95, 0.83, 0.75, 0.05),
        "heldout/C": (0.78, 0.95, 0.88, 0.75, 0.05), "tuning/D": (0.72, 0.9, 0.77, 0.6, 0.05),
        "tuning/E": (0.64, 0.9, 0.79, 0.6, 0.06), "tuning/F": (0.7, 0.9, 0.82, 0.6, 0.08),
        "untouched/G": (0.68, 0.9, 0.74, 0.6, 0.05), "untouched/H": (0.66, 0.9, 0.78, 0.6, 0.06),
        "untouched/I": (0.66, 0.87, 0.79, 0.8, 0.06), "untouched/J": (0.68, 0.88, 0.79, 0.8, 0.08),
        "untouched/K": (0.68, 0.85, 0.78, 0.8, 0.09), "untouched/L": (0.66, 0.87, 0.72, 0.4, 0.05),
        "untouched/M": (0.66, 0.88, 0.72, 0.6, 0.05), "untouched/N": (0.78, 0.95, 0.76, 0.8, 0.05),
        "untouched/O": (0.72, 0.88, 0.75, 0.6, 0.06), "untouched/P": (0.7, 0.87, 0.75, 0.6, 0.05),
        "untouched/Q": (0.68, 0.87, 0.74, 0.8, 0.05), "untouched/R": (0.76, 0.93, 0.75, 0.8, 0.05),
        "untouched/S": (0.76, 0.88, 0.7, 0.8, 0.05), "untouched/T": (0.75, 0.9, 0.74, 0.8, 0.05),
        "untouched/U": (0.84, 0.93, 0.77, 0.8, 0.05), "untouched/V": (0.77, 0.92, 0.82, 0.6, 0.05),
        "untouched/W": (0.82, 0.92, 0.82, 0.8, 0.05), "untouched/X": (0.62, 0.85, 0.69, 0.8, 0.05),
        "untouched/Y": (0.77, 0.92, 0.75, 0.6, 0.05), "untouched/Z": (0.67, 0.87, 0.71, 0.6, 0.05),
        "untouched/AA": (0.85, 0.95, 0.8, 0.8, 0.05), "untouched/AB": (0.8, 0.92, 0.8, 0.6, 0.05),
        "untouched/AC": (0.64, 0.85, 0.7, 0.8, 0.05), "untouched/AD": (0.69, 0.9, 0.7, 0.6, 0.05),
        "untouched/AE": (0.64, 0.85, 0.78, 0.8, 0.05), "untouched/AF": (0.74, 0.9, 0.74, 0.4, 0.05),
        "untouched/AG": (0.54, 0.85, 0.74, 0.6, 0.05), "untouched/AH": (0.68, 0.9, 0.74, 0.8, 0.05),
        "untouched/AI": (0.76, 0.93, 0.8, 0.8, 0.05), "untouched/AJ": (0.62, 0.88, 0.76, 0.6, 0.05),
        "untouched/AK": (0.7, 0.89, 0.76, 0.6, 0.05), "untouched/AL": (0.65, 0.9, 0.72, 0.6, 0.05),
        "untouched/AM": (0.8, 0.9, 0.76, 0.6, 0.05), "untouched/AN": (0.66, 0.92, 0.77, 0.6, 0.05),
        "untouched/AO": (0.76, 0.9, 0.7, 0.6, 0.05), "untouched/AP": (0.71, 0.88, 0.75, 0.4, 0.05),
        "untouched/AQ": (0.75, 0.92, 0.74, 0.6, 0.05), "untouched/AR": (0.73, 0.88, 0.72, 0.8, 0.05),
        "untouched/AS": (0.75, 0.87, 0.78, 0.8, 0.06), "untouched/AT": (0.7, 0.87, 0.74, 0.6, 0.06),
        "untouched/AU": (0.74, 0.9, 0.72, 0.6, 0.05), "untouched/AV": (0.77, 0.9, 0.72, 0.8, 0.05),
        "untouched/AW": (0.62, 0.87, 0.73, 0.8, 0.06), "untouched/AX": (0.65, 0.85, 0.73, 0.8, 0.06),
        "untouched/AY": (0.73, 0.9, 0.7, 0.8, 0.05), "untouched/AZ": (0.76, 0.93, 0.74, 0.8, 0.05),
        "untouched/BA": (0.76, 0.91, 0.71, 0.8, 0.05), "untouched/BB": (0.73, 0.9, 0.75, 0.8, 0.05),
        "untouched/BC": (0.75, 0.85, 0.69, 0.8, 0.05), "untouched/BD": (0.82, 0.9, 0.67, 0.6, 0.05),
        "untouched/BE": (0.68, 0.92, 0.79, 0.6, 0.05), "untouched/BF": (0.72, 0.92, 0.79, 0.8, 0.05),
        "untouched/BG": (0.8, 0.93, 0.78, 0.8, 0.05), "untouched/BH": (0.68, 0.85, 0.66, 0.8, 0.05),
        "untouched/BI": (0.67, 0.87, 0.69, 0.8, 0.05), "untouched/BJ": (0.65, 0.85, 0.65, 0.8, 0.05),
        "untouched/BK": (0.88, 0.95, 0.75, 0.8, 0.05), "untouched/BL": (0.73, 0.88, 0.77, 0.8, 0.05),
        "untouched/BM": (0.88, 0.93, 0.75, 0.8, 0.05), "untouched/BN": (0.81, 0.92, 0.72, 0.8, 0.05),
        "untouched/BO": (0.61, 0.91, 0.71, 0.8, 0.05), "untouched/BP": (0.73, 0.93, 0.74, 0.8, 0.05),
        "untouched/BQ": (0.84, 0.93, 0.75, 0.8, 0.05), "untouched/BR": (0.66, 0.86, 0.66, 0.6, 0.05),
        "untouched/BS": (0.81, 0.91, 0.8, 0.8, 0.05), "untouched/BT": (0.74, 0.91, 0.81, 0.6, 0.05),
        "untouched/BU": (0.79, 0.91, 0.71, 0.8, 0.05), "untouched/BV": (0.79, 0.91, 0.71, 0.6, 0.05),
        "untouched/BW": (0.73, 0.9, 0.73, 0.4, 0.05), "untouched/BX": (0.69, 0.9, 0.68, 0.6, 0.05),
        "untouched/BY": (0.79, 0.91, 0.75, 0.8, 0.05), "untouched/BZ": (0.62, 0.85, 0.67, 0.6, 0.05),
        "untouched/CA": (0.78, 0.81, 0.68, 0.6, 0.05), "untouched/CB": (0.81, 0.88, 0.76, 0.8, 0.05),
        "untouched/CC": (0.74, 0.84, 0.65, 0.8, 0.05), "untouched/CD": (0.78, 0.91, 0.74, 0.4, 0.05),
        "untouched/CE": (0.68, 0.83, 0.72, 0.8, 0.05), "untouched/CF": (0.59, 0.73, 0.57, 0.8, 0.08),
        "untouched/CG": (0.68, 0.81, 0.6, 0.8, 0.06), "untouched/CH": (0.68, 0.85, 0.71, 0.8, 0.05),
        "untouched/CI": (0.83, 0.88, 0.65, 0.8, 0.05), "untouched/CJ": (0.76, 0.83, 0.71, 0.8, 0.05),
        "untouched/CK": (0.73, 0.85, 0.66, 0.8, 0.05), "untouched/CL": (0.73, 0.86, 0.64, 0.8, 0.05),
        "untouched/CM": (0.71, 0.83, 0.7, 0.8, 0.05), "untouched/CN": (0.83, 0.9, 0.74, 0.6, 0.05),
        "untouched/CO": (0.69, 0.78, 0.6, 0.6, 0.05), "untouched/CP": (0.83, 0.88, 0.7, 0.8, 0.05),
        "untouched/CQ": (0.73, 0.85, 0.68, 0.8, 0.05), "untouched/CR": (0.71, 0.81, 0.65, 0.8, 0.05),
        "untouched/CS": (0.74, 0.84, 0.65, 0.8, 0.05), "untouched/CT": (0.83, 0.89, 0.68, 0.8, 0.05),
        "untouched/CU": (0.73, 0.86, 0.72, 0.8, 0.05), "untouched/CV": (0.79, 0.89, 0.68, 0.6, 0.05),
        "untouched/CW": (0.79, 0.93, 0.75, 0.6, 0.05), "untouched/CX": (0.73, 0.88, 0.78, 0.8, 0.05),
        "untouched/CY": (0.79, 0.91, 0.75, 0.8, 0.05), "untouched/CZ": (0.81, 0.93, 0.74, 0.6, 0.05),
        "untouched/DA": (0.78, 0.89, 0.76, 0.6, 0.05), "untouched/DB": (0.81, 0.95, 0.75, 0.8, 0.05),
        "untouched/DC": (0.86, 0.91, 0.7, 0.8, 0.05), "untouched/DD": (0.83, 0.91, 0.74, 0.6, 0.05),
        "untouched/DE": (0.62, 0.79, 0.68, 0.6, 0.05), "untouched/DF": (0.76, 0.91, 0.71, 0.8, 0.05),
        "untouched/DG": (0.78, 0.89, 0.72, 0.8, 0.05), "untouched/DH": (0.83, 0.93, 0.73, 0.6, 0.05),
        "untouched/DI": (0.74, 0.86, 0.69, 0.8, 0.05), "untouched/DJ": (0.79, 0.93, 0.76, 0.8, 0.05),
        "untouched/DK": (0.83, 0.93, 0.74, 0.6, 0.05), "untouched/DL": (0.79, 0.91, 0.78, 0.8, 0.05),
        "untouched/DM": (0.83, 0.89, 0.69, 0.8, 0.05), "untouched/DN": (0.74, 0.88, 0.70, 0.8, 0.05),
        "untouched/DO": (0.74, 0.93, 0.74, 0.8, 0.05), "untouched/DP": (0.79, 0.91, 0.72, 0.8, 0.05),
        "untouched/DQ": (0.86, 0.91, 0.71, 0.8, 0.05), "untouched/DR": (0.79, 0.86, 0.76, 0.6, 0.05),
        "untouched/DS": (0.73, 0.89, 0.76, 0.6, 0.05), "untouched/DT": (0.78, 0.91, 0.71, 0.8, 0.05),
        "untouched/DU": (0.81, 0.89, 0.73, 0.8, 0.05), "untouched/DV": (0.89, 0.93, 0.78, 0.8, 0.05),
        "untouched/DW": (0.88, 0.89, 0.73, 0.6, 0.05), "untouched/DX": (0.79, 0.93, 0.73, 0.8, 0.05),
        "untouched/DY": (0.83, 0.93, 0.73, 0.8, 0.05), "untouched/DZ": (0.83, 0.93, 0.77, 0.6, 0.05),
        "untouched/EA": (0.84, 0.91, 0.74, 0.8, 0.05), "untouched/EB": (0.78, 0.84, 0.68, 0.8, 0.05),
        "untouched/EC": (0.76, 0.84, 0.7, 0.8, 0.05), "untouched/ED": (0.76, 0.91, 0.65, 0.6, 0.05)}
SET_FLOORS = {name: dict(zip(("correct", "gold_citation_rate", "citation_precision", "declined_when_unanswerable"),
                             values[:4])) for name, values in SETS.items()}


def test_matching_ignores_case_accents_and_thousands_separators():
    assert normalise("Pékin 162,000") == "pekin 162000"
    assert contains("More than 162 000 jobs", "162,000") and contains("le 2 février 2023", "2 fevrier 2023")
    assert contains("**Barcelone:** 200 m²", "barcelone")


def test_matching_is_by_whole_words():
    assert not contains("a 20th anniversary", "20")
    assert not contains("Sala", "Salamanca") and not contains("Salamanca", "Sala")
    assert contains("25,9 %", "25,9") and not contains("125,9 %", "25,9")


def test_every_group_must_be_matched():
    assert is_correct("Dubai: 65; Japan: 61", [["Dubai"], ["65"], ["61"]])
    assert not is_correct("Dubai: 65", [["Dubai"], ["65"], ["61"]])
    assert is_correct("anything", [])


def test_summary_counts_abstentions_and_precision():
    from bot.evaluate import Result

    results = [Result("a", "date", True, False, True, True, 2, 1, 10, 5.0),
               Result("b", "unanswerable", False, True, True, False, 0, 0, 12, 7.0),
               Result("c", "numeric", True, True, False, False, 0, 0, 12, 9.0),
               Result("d", "unanswerable", False, False, False, False, 2, 0, 12, 9.0)]
    summary = summarise(results)
    assert summary["correct"] == 0.5 and summary["false_abstentions"] == 0.5
    assert summary["abstention_accuracy"] == 0.5 and summary["citation_precision"] == 0.25
    assert summary["citation_precision_answerable"] == 0.5  # the closest passages of "d" left out
    assert summary["by_type"]["date"]["correct"] == 1.0


_NAMED_ABSENT = re.compile(r"(?:, mentions| ne mentionne|, vermeldt) (.+)\.$")


def assert_abstentions_are_true(bot, results) -> None:
    """An abstention that says no release mentions X is a claim about the corpus: X (in digits or words, as an
    ordinal or a cardinal, in its glossary and partner forms) must be absent from every release."""
    texts = [text_keys(r.text) for r in bot.releases()]
    for r in results:
        match = _NAMED_ABSENT.search(r.text) if r.abstained else None
        if not match:
            continue
        parts = [equivalents(keys(w)) for w, _, _ in words(match.group(1)) if keys(w)]
        holders = [i for i, found in enumerate(texts) if all(part & found for part in parts)]
        assert not holders, (r.id, r.text, [bot.releases()[i].source for i in holders])


def test_dev_questions_stay_above_the_floor(tmp_path_factory, embedder):
    the_bot = Bot(store=built_store(tmp_path_factory, embedder), embedder=embedder)
    summary, results = evaluate_bot(the_bot, load_questions(need(QUESTIONS)))
    assert_abstentions_are_true(the_bot, results)
    for metric, floor in FLOORS.items():
        assert summary[metric] >= floor, (metric, summary)
    assert summary["false_abstentions"] <= MAX_FALSE_ABSTENTIONS, summary
    assert summary["contract_problems"] == 0, [r.contract_problems for r in results if r.contract_problems]


@pytest.mark.parametrize("name", sorted(SETS))
def test_question_sets_stay_above_the_floor(name, tmp_path, embedder):
    """Sets written without sight of the code (tests/data/heldout, tuning, untouched): a floor on each."""
    folder = DATA / name
    settings = Settings.from_env().replace(store_dir=tmp_path / "store")
    ingest([*CORPORA, need(folder / "corpus")], store_dir=settings.store_dir, settings=settings, embedder=embedder)
    the_bot = Bot(settings=settings, embedder=embedder)
    summary, results = evaluate_bot(the_bot, load_questions(need(folder / "questions.jsonl")))
    assert_abstentions_are_true(the_bot, results)
    for metric, floor in SET_FLOORS[name].items():
        assert summary[metric] >= floor, (metric, summary)
    assert summary["false_abstentions"] <= SETS[name][4], summary
    assert summary["contract_problems"] == 0, [r.contract_problems for r in results if r.contract_problems]
