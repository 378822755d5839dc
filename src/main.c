/* main.c — placeholder until the command table lands (CLI skeleton). */
#include <stdio.h>

int main(void)
{
	fputs("cozypkg: not built yet\n", stderr);
	return 1;
}
