### Polski: publiczna odpowiedź bota pod komentarzem klienta.
### Widzą ją wszyscy: krótka, bez danych prywatnych, oznaczona jako automatyczna.
### $private: "yes", gdy wysłano też wiadomość prywatną.
### $back: kiedy ktoś z zespołu wróci.

comment-public-complaint =
    { $private ->
        [yes] Bardzo nam przykro. Wysłaliśmy Ci wiadomość prywatną, żeby wyjaśnić to z Tobą.
       *[no] Bardzo nam przykro. Nasz zespół jest teraz niedostępny i zajmie się tym { $back }.
    }
comment-public-praise = Serdecznie dziękujemy za miłe słowa! Przekażemy je zespołowi.
comment-public-other =
    { $private ->
        [yes] Wysłaliśmy Ci w tej sprawie wiadomość prywatną.
       *[no] Nasz zespół jest teraz niedostępny i odpowie Ci { $back }.
    }
comment-label = (🤖 odpowiedź automatyczna)
