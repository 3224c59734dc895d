"""The optional LLM backend (BXLBOT_LLM): a LangChain chat model and the prompts it is given."""
