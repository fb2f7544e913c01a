/* The smallest host: the README's example. cc minimal.c -I Sources/GesprekC/include -L .build/release -lGesprekC */
#include "gesprek.h"
#include <stdio.h>

int main(void) {
    char *error = NULL;
    gesprek_session *session = gesprek_open("{\"case\": \"OKT-1\", \"language\": \"en\"}", &error);
    if (!session) { fprintf(stderr, "%s\n", error); gesprek_free(error); return 1; }
    const char *lines[] = {"ask #v Hoe gaat het thuis?", "score gezin.s1 5", "score gezin.s1 3"};
    for (int i = 0; i < 3; i++) {
        char *answer = gesprek_execute(session, lines[i]); /* {"accepted": ..., "event": ..., "diagnostics": [...]} */
        printf("%s\n", answer);
        gesprek_free(answer);                               /* every string gesprek returns is yours to free */
    }
    char *summary = gesprek_summary(session, "text");
    printf("%s\n", summary);
    gesprek_free(summary);
    return gesprek_close(session, NULL) == 0 ? 0 : 1;
}
