// The header compiles as C++ and links with extern "C" names.
#include "santral.h"

#include <cstdio>
#include <cstring>

int main() {
    char buf[32];
    size_t len = 0;
    santral_result r = santral_phone_format("05321234567", 11, SANTRAL_PHONE_DEFAULT, SANTRAL_FORMAT_E164, buf,
                                            sizeof buf, &len, nullptr);
    if (r != SANTRAL_OK || std::strcmp(buf, "+905321234567") != 0) {
        std::printf("c++: 0 passed, 1 failed\n");
        return 1;
    }
    std::printf("c++: 1 passed, 0 failed\n");
    return 0;
}
