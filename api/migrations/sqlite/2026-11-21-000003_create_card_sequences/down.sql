DROP TABLE card_sequences;
