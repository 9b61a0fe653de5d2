"""The course's words in both its languages, so that ``Practical Applications`` finds ``🔧 실전 활용``.

The prompts mix English terms and Korean explanations, and a section's title is
often in the one language while the box's is in the other.  Each group below
is one meaning; every word of a group stands for the group's first word.
"""

from __future__ import annotations

GROUPS: tuple[tuple[str, ...], ...] = (
    ("application", "practical", "활용", "실전", "적용", "실무", "use case", "usecase"),
    ("insight", "인사이트", "통찰", "깨달음"),
    ("quote", "인용", "명언", "발언", "한마디", "어록", "말씀"),
    ("summary", "takeaway", "요약", "정리", "결론", "recap", "tl;dr", "마무리", "wrap-up", "closing"),
    ("overview", "개요", "한눈", "개념도", "지도"),
    ("comparison", "compare", "비교", "versus", "대조"),
    ("process", "과정", "흐름", "절차", "workflow", "pipeline", "파이프라인"),
    ("concept", "개념", "정의", "definition"),
    ("example", "예시", "예제", "사례", "instance"),
    ("tip", "팁", "요령", "best practice", "모범"),
    ("pitfall", "mistake", "실수", "함정", "주의", "caution", "warning", "경고", "anti-pattern"),
    ("tool", "도구", "툴"),
    ("step", "단계", "stage", "phase"),
    ("loop", "루프", "반복", "cycle", "순환", "iteration"),
    ("cost", "비용", "price", "가격"),
    ("data", "데이터", "dataset", "데이터셋"),
    ("model", "모델"),
    ("training", "학습", "훈련", "train"),
    ("pretraining", "사전학습", "pre-training"),
    ("posttraining", "후속학습", "post-training", "사후학습"),
    ("token", "토큰"),
    ("tokenization", "토큰화", "tokenizer", "토크나이저"),
    ("reward", "보상"),
    ("reinforcement", "강화", "강화학습"),
    ("human", "사람", "인간"),
    ("answer", "답변", "응답", "response", "reply"),
    ("question", "질문", "query", "쿼리"),
    ("prompt", "프롬프트"),
    ("conversation", "대화", "dialogue", "chat"),
    ("search", "검색"),
    ("memory", "기억", "메모리"),
    ("reasoning", "추론", "사고", "thinking", "think"),
    ("hallucination", "환각"),
    ("context", "컨텍스트", "맥락", "문맥"),
    ("limit", "한계", "limitation", "제약", "constraint"),
    ("structure", "구조", "architecture", "아키텍처"),
    ("speaker", "발언자", "참석자", "participant", "panel", "패널"),
    ("discussion", "토론", "논의", "대담"),
    ("checklist", "체크리스트", "점검"),
    ("future", "미래", "앞으로", "전망"),
    ("role", "역할"),
    ("instruction", "지시", "지침"),
    ("output", "출력", "결과"),
    ("input", "입력"),
    ("code", "코드"),
    ("neural", "신경망", "network"),
    ("inference", "추론", "생성"),
    ("sampling", "샘플링", "sample"),
    ("probability", "확률"),
    ("vocabulary", "어휘", "vocab"),
    ("chain", "체인", "연결", "chaining"),
    ("why", "왜", "이유", "reason"),
    ("how", "방법", "어떻게", "how-to"),
)

CANON: dict[str, str] = {w: g[0] for g in GROUPS for w in g}
