"""One small example of each kind of block, shared by the unit and image tests."""

from __future__ import annotations

EXAMPLES: dict[str, str] = {
    "lines": ("**라벨러가 하는 일:**\n1. 프롬프트 **창작**\n   └─ \"파리 명소 5곳 추천해줘\"\n   └─ 코드 → 개발자\n"
              "2. 이상적 응답 작성\n\n- Synthetic (합성) 데이터 비중 증가\n\n✅ HELPFUL (도움이 됨)\n⛔ REFUSAL (거부)\n"
              "□ 완전 신뢰 금지 (Don't trust fully)"),
    "chips": "토큰 시퀀스:\n<|im_start|>user<|im_sep|>What is 2+2?<|im_end|>\n`<|im_end|>`: 턴 종료, `user`: 화자",
    "table": ("| 토큰 | 의미 | 역할 |\n|------|------|------|\n| `<\\|im_start\\|>` | Imaginary Monologue Start | 턴 시작 |\n"
              "| `user` | 사용자 | 화자 식별 |\n| 데이터 규모 | 수만 개 | 수백만 개, LLM + 인간 혼합 |"),
    "sticky": '> "You\'re not talking to a magical AI. You\'re talking to a statistical simulation."\n> - Andrej Karpathy',
    "flow": "Pre-training\n(인터넷 문서)\n    ↓\nBase Model\n    ↓\nSFT (대화 데이터)\n    ↓\nAssistant Model",
    "chain_flow": ("인터넷 텍스트 → [Pre-training] → 지식 있는 신경망\n                  ↓\n대화 데이터 → [SFT] → 어시스턴트 성격\n"
                   "                  ↓\n연습 문제 → [RL] → 최적화된 사고 전략"),
    "drawing": ("2022 (InstructGPT)        2024+ (UltraChat)\n┌─────────────────┐      ┌─────────────────┐\n"
                "│ 👤 인간 100%    │  →   │ 🤖 + 👤 혼합    │\n│ 수만 개 대화    │      │ 수백만 개 대화  │\n"
                "└─────────────────┘      └─────────────────┘"),
    "frame": ("┌─────────────────────────┐\n│     라벨링 지침 3원칙   │\n├─────────────────────────┤\n"
              "│  ✅ HELPFUL (도움이 됨) │\n│     └─ 유용한 답변      │\n│  ⛔ REFUSAL (거부)      │\n└─────────────────────────┘"),
    "before_after": ("**RLHF vs RL:**\nRLHF (GPT-4o):\n  - \"마법의 시간 없음\"\n  - 그냥 약간의 Fine-tuning\n\n"
                     "진짜 RL (o3-mini):\n  - 사고 과정 완성\n  - 새로운 전략 발견\n"),
    "mermaid_flowchart": ("```mermaid\nflowchart LR\n  A[인터넷 문서] --> B(토큰화)\n  B --> C{신경망 학습}\n"
                          "  C -- 결과 --> D[베이스 모델]\n  D -.-> E((어시스턴트))\n```"),
    "mermaid_mindmap": ("```mermaid\nmindmap\n  root((Pretraining to Post-Training))\n    Pretraining\n      인터넷 문서\n"
                        "      토큰 예측\n    Base Model\n      문서 시뮬레이터\n    Post-Training\n      SFT\n      RL\n"
                        "    Assistant\n      질문 응답\n```"),
    "mindmap_list": ('- Create a Mermaid mindmap:\n  - Root: "LLM"\n  - Level 1: "Pretraining", "SFT", "RL"\n  - Level 2:\n'
                     '    - Pretraining → "인터넷 문서", "$$$$ 비용"\n    - SFT → "대화 데이터"\n    - RL → "연습 문제"'),
    "cost_bars": "사전학습: $$$$$ (수백만 달러)\n후속학습: $ (훨씬 적음)",
    "code": "```python\nfor token in sequence:\n    predict(next_token)\n```",
}
